using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Nightshift.Activities.Lap;

/// <summary>
/// The LAP tables in SQL: <c>lap_sequences</c>, <c>lap_runs</c>, <c>lap_exposures</c> (LAP's lapExp), <c>lap_chips</c> (the
/// per-sequence exposure ledger), <c>lap_stacks</c>, <c>lap_diffs</c> and <c>lap_injections</c>, with the views
/// <c>v_lap_runs</c> (each run with its counts) and <c>v_lap_exposures</c> (each exposure of a run with its chip/warp row).
/// Created idempotently in a SQLite file (the store's, or OUTPUT/lap.db).
/// </summary>
internal static class LapLedger
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS lap_sequences (seq_id TEXT PRIMARY KEY, description TEXT, registered TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS lap_runs (
            lap_id TEXT PRIMARY KEY, seq_id TEXT NOT NULL, projection_cell TEXT NOT NULL, filter TEXT NOT NULL, label TEXT,
            state TEXT NOT NULL, fault INTEGER NOT NULL DEFAULT 0, registered TEXT NOT NULL, updated TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS lap_exposures (
            lap_id TEXT NOT NULL, exp_id INTEGER NOT NULL, exp_name TEXT NOT NULL, seq_id TEXT NOT NULL, chip_id TEXT,
            pair_id INTEGER, private INTEGER NOT NULL DEFAULT 0, pairwise INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,
            data_state TEXT NOT NULL, fault INTEGER NOT NULL DEFAULT 0, note TEXT, updated TEXT NOT NULL,
            PRIMARY KEY (lap_id, exp_id));
        CREATE TABLE IF NOT EXISTS lap_chips (
            seq_id TEXT NOT NULL, exp_id INTEGER NOT NULL, exp_name TEXT NOT NULL, chip_id TEXT NOT NULL, owner TEXT,
            state TEXT NOT NULL, chip_bad REAL, warp_bad REAL, record TEXT, chip_runs INTEGER NOT NULL DEFAULT 0,
            warp_runs INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL, PRIMARY KEY (seq_id, exp_id));
        CREATE TABLE IF NOT EXISTS lap_stacks (
            seq_id TEXT NOT NULL, lap_id TEXT NOT NULL, skycell TEXT NOT NULL, pass INTEGER NOT NULL, state TEXT NOT NULL,
            fault INTEGER NOT NULL DEFAULT 0, inputs INTEGER NOT NULL DEFAULT 0, image TEXT, updated TEXT NOT NULL,
            PRIMARY KEY (lap_id, skycell, pass));
        CREATE TABLE IF NOT EXISTS lap_diffs (
            seq_id TEXT NOT NULL, lap_id TEXT NOT NULL, kind TEXT NOT NULL, science INTEGER NOT NULL, template INTEGER,
            skycell TEXT NOT NULL, image TEXT NOT NULL, mask TEXT NOT NULL, catalog TEXT NOT NULL, detections INTEGER NOT NULL,
            bad_fraction REAL NOT NULL, updated TEXT NOT NULL, PRIMARY KEY (lap_id, kind, science, skycell));
        CREATE TABLE IF NOT EXISTS lap_injections (
            seq_id TEXT NOT NULL, stage TEXT NOT NULL, target TEXT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (seq_id, stage, target));
        CREATE VIEW IF NOT EXISTS v_lap_runs AS
            SELECT r.lap_id, r.seq_id, r.projection_cell, r.filter, r.label, r.state, r.fault,
                   (SELECT COUNT(*) FROM lap_exposures x WHERE x.lap_id = r.lap_id) AS exposures,
                   (SELECT COUNT(*) FROM lap_exposures x WHERE x.lap_id = r.lap_id AND x.data_state = 'drop') AS dropped,
                   (SELECT COUNT(*) FROM lap_exposures x WHERE x.lap_id = r.lap_id AND x.fault <> 0) AS faulted,
                   (SELECT COUNT(*) FROM lap_stacks s WHERE s.lap_id = r.lap_id AND s.state = 'full') AS stacks,
                   (SELECT COUNT(*) FROM lap_diffs d WHERE d.lap_id = r.lap_id AND d.kind = 'final') AS final_diffs,
                   (SELECT COALESCE(SUM(d.detections), 0) FROM lap_diffs d WHERE d.lap_id = r.lap_id AND d.kind = 'final') AS detections,
                   r.registered, r.updated
            FROM lap_runs r;
        CREATE VIEW IF NOT EXISTS v_lap_exposures AS
            SELECT x.lap_id, x.exp_id, x.exp_name, x.data_state, x.fault, x.private, x.pairwise, x.pair_id, x.active, x.note,
                   c.state AS chip_state, c.chip_bad, c.warp_bad, c.chip_runs, c.warp_runs, x.updated
            FROM lap_exposures x LEFT JOIN lap_chips c ON c.seq_id = x.seq_id AND c.exp_id = x.exp_id;
        """;

    private static readonly ConcurrentDictionary<string, bool> Ready = new(StringComparer.Ordinal);

    public static string Now => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>Opens the ledger, creating its tables the first time this process opens the file.</summary>
    public static async Task<SqliteConnection> OpenAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // The store shares the file; wait for its write lock rather than failing.
            DefaultTimeout = 60,
        }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!Ready.ContainsKey(path))
        {
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, Schema, cancellationToken).ConfigureAwait(false);
            Ready[path] = true;
        }

        return connection;
    }

    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public static async Task<List<object?[]>> RowsAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
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

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL text is constant in this class's callers; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
