namespace Nightshift.Durable.Storage.Sql;

/// <summary>
/// Lets layers above the runtime (the job ledger in Nightshift.Activities) keep their own tables in the same
/// database, in transactions of the same dialect, without a second connection string or a second writer.
/// </summary>
internal interface ISqlStore
{
    /// <summary>Connections, transactions, time encoding and <see cref="SqlDialect.TablePrefix"/> of the store.</summary>
    SqlDialect Dialect { get; }

    /// <summary>The task hub this store serves; tables that hold per-hub rows carry it in a <c>hub</c> column.</summary>
    string Hub { get; }

    /// <summary>Creates or migrates the schema (every numbered script of the dialect) once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
