namespace Nightshift.Durable.Storage;

/// <summary>
/// One numbered schema script of one dialect. The store applies it once and records it in <c>schema_version</c> under
/// <see cref="Version"/>; the script itself must be idempotent (<c>CREATE TABLE IF NOT EXISTS</c>, views dropped and
/// created again), because a database may already hold its tables from before it was recorded.
/// </summary>
/// <param name="Version">The number in <c>schema_version</c>, shared by the store and every add-on: no two may use one.</param>
/// <param name="Description">The text after the number in the file name, e.g. <c>jobs</c> for <c>002-jobs.sql</c>.</param>
/// <param name="Sql">The statements; table names without a prefix (PostgreSQL runs them with the store's schema as search path).</param>
public sealed record SchemaScript(int Version, string Description, string Sql);
