using System.Data.Common;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>
/// The LAP tables in the store's database, through the public store seam: <c>lap_sequences</c>, <c>lap_runs</c>,
/// <c>lap_exposures</c> (LAP's lapExp), <c>lap_chips</c> (the per-sequence exposure ledger), <c>lap_stacks</c>,
/// <c>lap_diffs</c> and <c>lap_injections</c>, with the views <c>v_lap_runs</c> and <c>v_lap_exposures</c> (schema
/// version 5, <c>Lap/Scripts/</c>). They sit next to the instances they describe on SQLite and PostgreSQL alike. The
/// rows are keyed by sequence and run ids, not by task hub: LAP ids are unique across hubs already.
/// </summary>
internal sealed class LapLedger
{
    /// <summary>The LAP tables and views, registered with the store on first use.</summary>
    public static readonly StoreSchema Schema =
        StoreSchema.FromEmbeddedResources("lap", typeof(LapLedger).Assembly, "Nightshift.Activities.Lap.Scripts");

    private readonly INightshiftSqlStore store;

    public LapLedger(INightshiftSqlStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.AddSchema(Schema);
        this.store = store;
    }

    /// <summary>To put before every table name (the PostgreSQL schema); empty for SQLite.</summary>
    public string P => store.TablePrefix;

    /// <summary>The current time in the store's encoding, for the <c>registered</c> and <c>updated</c> columns.</summary>
    public object Now => store.TimeValue(DateTime.UtcNow);

    /// <summary>Runs <paramref name="work"/> in one store transaction; it may run again after a transient failure.</summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await store.WriteAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one statement in a transaction of its own.</summary>
    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        => WriteAsync((c, t) => ExecuteAsync(c, t, sql, cancellationToken, parameters), cancellationToken);

    /// <summary>Reads the rows of one query.</summary>
    public async Task<List<object?[]>> RowsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await store.ReadAsync(c => RowsAsync(c, null, sql, cancellationToken, parameters), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the first column of the first row of one query, null when there is none.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        => (await RowsAsync(sql, cancellationToken, parameters).ConfigureAwait(false)) is [var first, ..] ? first[0] : null;

    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<List<object?[]>> RowsAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = store.CreateCommand(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
