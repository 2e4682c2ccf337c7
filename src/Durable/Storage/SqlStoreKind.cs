namespace Nightshift.Durable.Storage;

/// <summary>The database behind a <see cref="INightshiftSqlStore"/>: what an add-on picks its SQL and schema scripts by.</summary>
public enum SqlStoreKind
{
    /// <summary>One SQLite file in WAL mode; times are stored as <c>yyyy-MM-dd HH:mm:ss.fffffff</c> text in UTC.</summary>
    Sqlite,

    /// <summary>A PostgreSQL schema; times are <c>timestamptz</c>.</summary>
    PostgreSql,
}
