using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Storage.Sql;

namespace Nightshift.Durable.Sqlite;

/// <summary>
/// SQLite in WAL mode. All writes of this process go through one connection behind an async gate, because
/// SQLite admits one writer at a time anyway and queueing in memory is cheaper than spinning on SQLITE_BUSY.
/// Other processes sharing the file are serialised by SQLite's own lock (BEGIN IMMEDIATE with a busy timeout).
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fffffff";
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string connectionString;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private SqliteConnection? writer;
    private readonly Dictionary<string, CachedSqliteCommand> commands = new(StringComparer.Ordinal);

    public SqliteDialect(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string Path { get; }

    public override SqlStoreKind Kind => SqlStoreKind.Sqlite;

    public override string TablePrefix => "";

    public override string Description => $"SQLite {Path}";

    public override string SelectLockableInstancesSql =>
        "SELECT DISTINCT e.instance_id FROM new_events e " +
        "JOIN instances i ON i.hub = e.hub AND i.instance_id = e.instance_id " +
        "WHERE e.hub = @hub AND e.visible_at <= @now " +
        "AND (i.locked_until IS NULL OR i.locked_until < @now) " +
        "AND (i.status <> 'Suspended' OR e.event_type IN ('ExecutionResumed', 'ExecutionTerminated')) " +
        "LIMIT @max";

    public override string LeaseTasksSql =>
        "UPDATE new_tasks SET locked_by = @owner, visible_at = @until, dequeue_count = dequeue_count + 1 " +
        "WHERE id IN (SELECT id FROM new_tasks WHERE hub = @hub AND visible_at <= @now ORDER BY visible_at, id LIMIT @max) " +
        "RETURNING id, instance_id, execution_id, task_id, name, input, dequeue_count";

    public override System.Data.Common.DbCommand CreateCommand(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string sql)
    {
        // Only the write connection, used under the gate by one transaction at a time, keeps prepared commands;
        // multi-row inserts vary in length, and a bounded cache keeps the rare lengths from piling up.
        if (!ReferenceEquals(connection, writer) || sql.Length == 0)
        {
            return base.CreateCommand(connection, transaction, sql);
        }

        if (!commands.TryGetValue(sql, out var cached))
        {
            if (commands.Count >= 512)
            {
                return base.CreateCommand(connection, transaction, sql);
            }

            cached = new CachedSqliteCommand(sql, writer);
            commands[sql] = cached;
        }
        else if (cached.InUse)
        {
            return base.CreateCommand(connection, transaction, sql);
        }

        cached.InUse = true;
        cached.Transaction = (SqliteTransaction?)transaction;
        return cached;
    }

    public override object TimeValue(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTime ReadTime(DbDataReader reader, int ordinal)
        => DateTime.SpecifyKind(DateTime.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var connection = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    var result = await work(connection, transaction).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
                catch (SqliteException ex) when (IsBusy(ex) && attempt < 5)
                {
                    // Another process held the write lock past the busy timeout; try again.
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            writeGate.Release();
        }
    }

    public override async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    public override async Task MigrateAsync(IReadOnlyList<(string Owner, SchemaScript Script)> addOns, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new NightshiftException($"Cannot open the SQLite store '{Path}': the directory '{directory}' does not exist.");
        }

        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await Execute(connection, transaction,
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
                cancellationToken).ConfigureAwait(false);
            var applied = new HashSet<long>();
            await using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = transaction;
                cmd.CommandText = "SELECT version FROM schema_version";
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt64(0));
                }
            }

            foreach (var (version, description, sql) in Merge(Scripts(), addOns, Description))
            {
                // Every script not yet applied, not only those above the highest: scripts developed side by side
                // may land out of number order, and each is idempotent.
                if (applied.Contains(version))
                {
                    continue;
                }

                await Execute(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
                await using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @t)";
                record.Parameters.AddWithValue("@v", version);
                record.Parameters.AddWithValue("@d", description);
                record.Parameters.AddWithValue("@t", TimeValue(DateTime.UtcNow));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>The store's own embedded schema scripts, <c>NNN-description.sql</c>, in version order; add-ons bring theirs through the seam.</summary>
    internal static IEnumerable<SchemaScript> Scripts()
    {
        var assembly = typeof(SqliteDialect).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = resource[(resource.IndexOf(".Scripts.", StringComparison.Ordinal) + ".Scripts.".Length)..^4];
            var dash = file.IndexOf('-', StringComparison.Ordinal);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return new SchemaScript(int.Parse(file[..dash], CultureInfo.InvariantCulture), file[(dash + 1)..], reader.ReadToEnd());
        }
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values)
        {
            command.DisposeForReal();
        }

        commands.Clear();
        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            writer = null;
        }

        writeGate.Dispose();
    }

    private async Task<SqliteConnection> GetWriterAsync(CancellationToken cancellationToken)
    {
        if (writer is { State: System.Data.ConnectionState.Open })
        {
            return writer;
        }

        var directory = System.IO.Path.GetDirectoryName(Path);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new NightshiftException($"Cannot open the SQLite store '{Path}': the directory '{directory}' does not exist.");
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // WAL lets readers (operators with sqlite3, other processes) work while a worker writes. NORMAL
        // synchronisation in WAL mode survives a killed process; only a power loss can drop the last commits.
        await Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;", cancellationToken).ConfigureAwait(false);
        foreach (var command in commands.Values)
        {
            command.DisposeForReal();
        }

        commands.Clear();
        writer = connection;
        return connection;
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is 5 or 6;

}
