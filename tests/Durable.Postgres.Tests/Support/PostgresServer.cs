using Npgsql;

namespace Nightshift.Durable.Tests.Support;

/// <summary>
/// The PostgreSQL server of the tests: <c>NIGHTSHIFT_TEST_PG</c>, or what <c>infra/postgres/start.sh</c> creates.
/// Tests never skip when it is missing; they fail and say how to start it.
/// </summary>
internal static class PostgresServer
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=nightshift;Password=nightshift;Database=nightshift";

    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("NIGHTSHIFT_TEST_PG") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchemaName(string prefix = "nstest") => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 17)];

    /// <summary>The connection string with <paramref name="schema"/> first on the search path, so plain table names resolve to it.</summary>
    public static string WithSchema(string schema) => new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    /// <summary>Fails with a message that says what to do when the server cannot be reached.</summary>
    public static async Task EnsureReachableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 10, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new AssertFailedException(
                $"PostgreSQL is required by these tests and cannot be reached at '{Redacted}': {ex.Message}. " +
                "Start it with `bash infra/postgres/start.sh` (as root), or point NIGHTSHIFT_TEST_PG at a server.", ex);
        }
    }

    public static void DropSchema(string schema)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        cmd.ExecuteNonQuery();
    }

    private static string Redacted => new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString;
}
