using System.Data.Common;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage.Sql;

/// <summary>
/// What differs between the SQL databases behind <see cref="SqlDurableStore"/>: connections and transactions,
/// how times are stored, the few statements that claim work, and the schema scripts.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>Which database this is, for add-ons that pick their SQL and scripts by it.</summary>
    public abstract SqlStoreKind Kind { get; }

    /// <summary>Prefix for table names, e.g. <c>nightshift.</c> for a PostgreSQL schema; empty for SQLite.</summary>
    public abstract string TablePrefix { get; }

    /// <summary>How an operator would name the store.</summary>
    public abstract string Description { get; }

    /// <summary>Runs <paramref name="work"/> in one write transaction, retrying transient failures; commits unless it throws.</summary>
    public abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/>, for a transaction that only claims or releases work (a lock, a lease,
    /// its renewal or return) and changes nothing else. Losing one in a server crash is harmless: a lost claim
    /// is as if it expired, and any later commit that depends on it waits for the disk and takes it along. A
    /// dialect may therefore commit these without waiting for the disk.
    /// </summary>
    public virtual Task<T> WriteClaimAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
        => WriteAsync(work, cancellationToken);

    /// <summary>Runs read-only <paramref name="work"/> on an open connection.</summary>
    public abstract Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or migrates the schema under a lock: every script of the dialect's own and of <paramref name="addOns"/> (the
    /// registered add-ons' scripts for this dialect, with the add-on's name) that <c>schema_version</c> lacks, in version order.
    /// </summary>
    public abstract Task MigrateAsync(IReadOnlyList<(string Owner, SchemaScript Script)> addOns, CancellationToken cancellationToken);

    /// <summary>
    /// The dialect's own scripts and the add-ons' in one version order. A version used twice is refused before anything is
    /// applied, because <c>schema_version</c> would record one of them and the other would never run.
    /// </summary>
    protected static IReadOnlyList<SchemaScript> Merge(IEnumerable<SchemaScript> own, IReadOnlyList<(string Owner, SchemaScript Script)> addOns, string description)
    {
        var owners = own.ToDictionary(s => s.Version, s => (Owner: "the store", Script: s));
        foreach (var (owner, script) in addOns)
        {
            if (owners.TryGetValue(script.Version, out var taken))
            {
                throw new NightshiftException(
                    $"The store schema '{owner}' uses version {script.Version}, which {(taken.Owner == "the store" ? "the store itself" : $"'{taken.Owner}'")} already uses in {description}.");
            }

            owners[script.Version] = (owner, script);
        }

        return [.. owners.Values.Select(o => o.Script).OrderBy(s => s.Version)];
    }

    /// <summary>
    /// A command with this text on the connection, its parameters empty. A dialect may hand out a cached,
    /// already prepared command for the write connection; disposing it then returns it to the cache.
    /// </summary>
    public virtual DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>The parameter value for a UTC time.</summary>
    public abstract object TimeValue(DateTime utc);

    /// <summary>Reads a UTC time column.</summary>
    public abstract DateTime ReadTime(DbDataReader reader, int ordinal);

    /// <summary>
    /// The statement that picks up to @max lockable instances with deliverable messages; returns instance_id, possibly
    /// more than once (once per message). Parameters: @hub, @now, @max.
    /// </summary>
    public abstract string SelectLockableInstancesSql { get; }

    /// <summary>The statement that leases up to @max tasks; returns the task columns. Parameters: @hub, @now, @until, @owner, @max.</summary>
    public abstract string LeaseTasksSql { get; }

    /// <summary>
    /// Appended to the query that checks an episode batch's locks, to hold those rows until the commit; empty
    /// where a write transaction already excludes every other writer (SQLite).
    /// </summary>
    public virtual string LockRowsSuffix => "";

    /// <summary>Closes connections.</summary>
    public abstract ValueTask DisposeAsync();
}
