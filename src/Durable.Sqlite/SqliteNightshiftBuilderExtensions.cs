using Nightshift.Durable.Storage.Sql;

namespace Nightshift.Durable.Sqlite;

/// <summary>Selects the embedded SQLite store.</summary>
public static class SqliteNightshiftBuilderExtensions
{
    /// <summary>
    /// Keeps all state in one SQLite file (created when missing; its directory must exist). Several processes
    /// on one machine may share the file. <paramref name="hub"/> separates productions that share it.
    /// </summary>
    public static NightshiftBuilder UseSqlite(this NightshiftBuilder builder, string path = "nightshift.db", string hub = "default")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.UseSqlStore(_ => new SqlDurableStore(new SqliteDialect(path), hub));
    }
}
