using Nightshift.Durable;
using Npgsql;
using Nightshift.Durable.Postgres;

namespace Nightshift.Runtime.Tests.Support;

/// <summary>
/// A fresh schema on the test server (<c>NIGHTSHIFT_TEST_PG</c>, the last line of <c>bash infra/postgres/start.sh</c>),
/// dropped at the end. Tests fail, not skip, when the server is missing.
/// </summary>
public sealed class PostgresBackend : Backend
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=nightshift;Password=nightshift;Database=nightshift";

    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("NIGHTSHIFT_TEST_PG") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public string Schema { get; } = $"nsrt_{Guid.NewGuid():N}"[..21];

    public override NightshiftBuilder Use(NightshiftBuilder builder) => builder.UsePostgres(ConnectionString, Schema);

    public override async Task<long> CountAsync(string sql, string? id = null)
    {
        // Unpooled: a pool per test schema would keep its connections open after the test, and a run of many tests
        // would exhaust the server's connection slots.
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Schema, Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("id", (object?)id ?? DBNull.Value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Fails with a message that says what to do when the server cannot be reached.</summary>
    public override async Task CheckReachableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 10, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new AssertFailedException(
                "PostgreSQL is required by the *Postgres test classes and cannot be reached: " + ex.Message +
                ". Start it with `bash infra/postgres/start.sh` and export NIGHTSHIFT_TEST_PG with the last line it prints.", ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The store's own pool for this schema's connection string closes its idle connections now, not minutes later.
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("NIGHTSHIFT_TEST_KEEP_SCHEMAS") == "1")
        {
            Console.WriteLine($"kept schema {Schema}");
            return;
        }

        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
            cmd.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The schema is only clutter.
        }
    }
}
