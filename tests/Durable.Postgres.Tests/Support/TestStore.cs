using Npgsql;
using Nightshift.Durable.Postgres;

namespace Nightshift.Durable.Tests.Support;

/// <summary>
/// A fresh PostgreSQL schema for one test, dropped at the end. <see cref="Path"/> is a connection string whose
/// search path is that schema, so the linked scenario tests' plain SQL (<c>SELECT … FROM history</c>) reads it
/// as it reads a SQLite file. Same API as Durable.Tests' TestStore.
/// </summary>
internal sealed class TestStore : IDisposable
{
    public TestStore()
    {
        Schema = PostgresServer.NewSchemaName();
        Path = PostgresServer.WithSchema(Schema);
    }

    public string Schema { get; }

    public string Path { get; }

    /// <summary>Points a host at the schema named by the search path of <paramref name="path"/>.</summary>
    public static NightshiftBuilder Use(NightshiftBuilder builder, string path)
        => builder.UsePostgres(path, new NpgsqlConnectionStringBuilder(path).SearchPath ?? "nightshift");

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("NIGHTSHIFT_TEST_KEEP_SCHEMAS") == "1")
        {
            // Left for a post-mortem with psql.
            Console.WriteLine($"kept schema {Schema}");
            return;
        }

        try
        {
            PostgresServer.DropSchema(Schema);
        }
        catch (NpgsqlException)
        {
            // A test that restarted the server may leave it coming back up; the schema is only clutter.
        }
    }
}
