using System.Data.Common;

namespace Nightshift.Durable.Storage;

/// <summary>
/// The store seam: what an add-on (batch jobs, the steps ledger, a pipeline's ledger) needs to keep its own tables in
/// the store's database, next to the instances they describe, without a second connection string or a second writer.
/// <c>UseSqlite</c> and <c>UsePostgres</c> register it as a service. Every statement an add-on writes names its tables
/// with <see cref="TablePrefix"/> and, for per-hub rows, binds <see cref="Hub"/>.
/// </summary>
public interface INightshiftSqlStore
{
    /// <summary>The database: the add-on picks its SQL and its scripts by it.</summary>
    SqlStoreKind Kind { get; }

    /// <summary>To put before every table name, e.g. <c>nightshift.</c> for a PostgreSQL schema; empty for SQLite.</summary>
    string TablePrefix { get; }

    /// <summary>The task hub this store serves; tables that hold per-hub rows carry it in a <c>hub</c> column.</summary>
    string Hub { get; }

    /// <summary>The store as an operator would name it (a file path, or a host, database and schema), for messages.</summary>
    string Description { get; }

    /// <summary>
    /// Registers an add-on's schema; the next <see cref="InitializeAsync"/> applies its scripts that <c>schema_version</c>
    /// lacks. Registering the same schema (by name) again does nothing; a version that another schema already owns is refused.
    /// </summary>
    /// <exception cref="NightshiftException">Another registered schema uses one of its versions.</exception>
    void AddSchema(StoreSchema schema);

    /// <summary>
    /// Creates or migrates the store's schema and that of every registered add-on: every script not yet in
    /// <c>schema_version</c>, in version order, in one transaction under the store's migration lock. Cheap once done,
    /// until another schema is added; safe to call from many processes at once.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction and commits unless it throws. Transient failures (a busy
    /// SQLite file, a PostgreSQL restart or serialization failure) run <paramref name="work"/> again, so it must only
    /// touch the database; on PostgreSQL a lost COMMIT reply is resolved without running it twice.
    /// </summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs read-only <paramref name="work"/> on an open connection, retrying transient failures.</summary>
    Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// A command with this text on <paramref name="connection"/>, its parameters empty. Use it rather than
    /// <see cref="DbConnection.CreateCommand"/>: a store may hand out a cached, already prepared command.
    /// </summary>
    DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql);

    /// <summary>The parameter value for a UTC time in this database's encoding.</summary>
    object TimeValue(DateTime utc);

    /// <summary>Reads a time column written with <see cref="TimeValue"/>, as UTC.</summary>
    DateTime ReadTime(DbDataReader reader, int ordinal);
}
