using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Nightshift.Durable.Storage.Sql;

namespace Nightshift.Durable.Postgres;

/// <summary>Selects the PostgreSQL store.</summary>
public static class PostgresNightshiftBuilderExtensions
{
    /// <summary>
    /// Keeps all state in a PostgreSQL database (an Npgsql connection string such as
    /// <c>Host=db;Database=nightshift;Username=…;Password=…</c>), in the tables of <paramref name="schema"/>, which
    /// is created and migrated when needed. Any number of workers on any number of machines may share it;
    /// <paramref name="hub"/> separates productions that share one schema.
    /// </summary>
    public static NightshiftBuilder UsePostgres(this NightshiftBuilder builder, string connectionString, string schema = "nightshift", string hub = "default")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(hub);
        // Mistakes in the connection string or schema name show here, where the caller made them, not at the first query.
        _ = new NpgsqlConnectionStringBuilder(connectionString);
        PostgresDialect.CheckSchemaName(schema);
        return builder.UseSqlStore(sp => new SqlDurableStore(
            new PostgresDialect(connectionString, schema, sp.GetService<ILoggerFactory>()?.CreateLogger("Nightshift.Durable.Postgres")),
            hub));
    }
}
