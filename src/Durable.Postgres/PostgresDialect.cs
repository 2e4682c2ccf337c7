using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Storage.Sql;

namespace Nightshift.Durable.Postgres;

/// <summary>
/// PostgreSQL for several workers on several machines. Tables live in one schema; work is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> plus the lease columns (<c>instances.locked_by/locked_until</c>,
/// <c>new_tasks.visible_at</c>), so workers never wait on each other's claims and a dead worker's claims
/// expire. Every transaction is retried on transient errors (see <see cref="PostgresErrors"/>), so a server
/// restart in the middle of a run only delays it.
/// </summary>
/// <remarks>
/// <para>
/// Retrying a transaction is only safe when a retry cannot apply its effect twice. A transaction that failed
/// before COMMIT was sent was rolled back by the server, so it is simply run again. The hard case is a
/// connection cut during COMMIT: the server may or may not have committed. Before committing, each write
/// transaction reads its transaction id (<c>pg_current_xact_id_if_assigned</c>); when the COMMIT's outcome is
/// lost, a new connection asks the server with <c>pg_xact_status</c>. Committed: the result stands and nothing
/// is run again. Aborted: the transaction is run again. No id: it wrote nothing, so its outcome does not matter.
/// </para>
/// <para>
/// The store's own guards would make most re-applied writes harmless even without that check, and they are
/// what protects against the one case the check cannot see (a server crash, not a restart, that loses the
/// transaction's WAL, after which the id may be reused): an episode commit re-applied finds
/// <c>locked_by</c>/<c>episode</c> changed and fails as LockLost, its work discarded while the committed state
/// stands; an activity completion re-applied finds its task row gone and adds nothing; a claim of work whose
/// outcome was lost only leaves the claim to expire. Client operations (start, raise) rely on the check.
/// </para>
/// </remarks>
internal sealed partial class PostgresDialect : SqlDialect
{
    /// <summary>How long one operation keeps retrying transient errors before it gives up.</summary>
    public static readonly TimeSpan DefaultRetryTimeout = TimeSpan.FromSeconds(90);

    // Key space of the migration's advisory lock ('NSHT'); the second key is the schema name's hash.
    private const int AdvisoryLockSpace = 0x4E534854;

    private readonly NpgsqlDataSource dataSource;
    private readonly NpgsqlDataSource claims;
    private readonly ILogger logger;
    private readonly TimeSpan retryTimeout;

    public PostgresDialect(string connectionString, string schema = "nightshift", ILogger? logger = null, TimeSpan? retryTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        CheckSchemaName(schema);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
        {
            // The store runs a few dozen statements over and over: let Npgsql prepare them once per connection.
            settings.MaxAutoPrepare = 256;
        }

        // Plans made for the values at hand: Npgsql prepares the store's statements, and a generic plan that
        // PostgreSQL caches for a prepared statement while the queue tables are nearly empty (as every new schema
        // starts) stays in use when they have grown, e.g. a scan of every instance for each message.
        settings.Options = $"{settings.Options} -c plan_cache_mode=force_custom_plan".Trim();
        // The store changes no session state (SET LOCAL only, transaction-scoped advisory locks), so a pooled
        // connection needs no DISCARD ALL when it is handed out again.
        settings.NoResetOnClose = true;
        settings.ApplicationName ??= "nightshift";
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            // A worker runs up to 64 episodes at once, each of which may read a history; left at Npgsql's 100 per
            // process, a handful of workers could use up the server's max_connections. Waiting for a pooled
            // connection is cheaper than a refused one.
            settings.MaxPoolSize = 32;
        }

        Schema = schema;
        Description = $"PostgreSQL {settings.Host}:{settings.Port}/{settings.Database} schema {schema}";
        dataSource = builder.Build();

        // Claims get connections of their own whose commits do not wait for the WAL flush (see WriteClaimAsync).
        var claimBuilder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        claimBuilder.ConnectionStringBuilder.Options = $"{settings.Options} -c synchronous_commit=off";
        claimBuilder.ConnectionStringBuilder.MaxPoolSize = Math.Min(settings.MaxPoolSize, 8); // a worker has three claim loops
        claims = claimBuilder.Build();
        this.logger = logger ?? NullLogger.Instance;
        this.retryTimeout = retryTimeout ?? DefaultRetryTimeout;
    }

    public string Schema { get; }

    /// <summary>
    /// Schema names go into SQL text (as the table prefix), so only plain lower-case identifiers are accepted:
    /// they need no quoting and cannot smuggle SQL.
    /// </summary>
    public static void CheckSchemaName(string schema)
    {
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException(
                $"The PostgreSQL schema name '{schema}' must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.",
                nameof(schema));
        }
    }

    public override SqlStoreKind Kind => SqlStoreKind.PostgreSql;

    public override string TablePrefix => Schema + ".";

    public override string Description { get; }

    /// <summary>
    /// Walks the deliverable messages (the index on hub, visible_at) and looks each one's instance up by its key,
    /// stopping at @max: the cost follows the work taken, not the backlog or the number of instances ever run.
    /// The lookup is a LATERAL subquery with its own row lock, which PostgreSQL plans as a key lookup per message
    /// whatever its statistics say; a new schema or hub has none (PostgreSQL then guesses that <c>hub = @hub</c>
    /// keeps 0.5% of the rows), and a plain join was planned as a scan of every instance per message. There is no
    /// ORDER BY on purpose: with one, a plan that sorted the candidates locked all of them to return @max. Locked
    /// rows are skipped rather than waited for, so workers claim different instances; an instance with several
    /// messages comes back once per message, which the store folds.
    /// </summary>
    public override string SelectLockableInstancesSql =>
        $"SELECT i.instance_id FROM {TablePrefix}new_events e " +
        $"CROSS JOIN LATERAL (SELECT x.instance_id FROM {TablePrefix}instances x " +
        "WHERE x.hub = e.hub AND x.instance_id = e.instance_id AND (x.locked_until IS NULL OR x.locked_until < @now) " +
        "AND (x.status <> 'Suspended' OR e.event_type IN ('ExecutionResumed', 'ExecutionTerminated')) " +
        "FOR UPDATE SKIP LOCKED) i " +
        "WHERE e.hub = @hub AND e.visible_at <= @now " +
        "LIMIT @max";

    /// <summary>
    /// The oldest visible tasks, skipping those another worker is leasing at this moment; visible_at becomes the
    /// lease. The pick is a materialized CTE so that it runs exactly once: a subquery with LIMIT and SKIP LOCKED
    /// that the planner rescanned could pick other rows the second time.
    /// </summary>
    public override string LeaseTasksSql =>
        $"WITH picked AS MATERIALIZED (SELECT id FROM {TablePrefix}new_tasks WHERE hub = @hub AND visible_at <= @now " +
        "ORDER BY visible_at, id LIMIT @max FOR UPDATE SKIP LOCKED) " +
        $"UPDATE {TablePrefix}new_tasks t SET locked_by = @owner, visible_at = @until, dequeue_count = t.dequeue_count + 1 " +
        "FROM picked WHERE t.id = picked.id " +
        "RETURNING t.id, t.instance_id, t.execution_id, t.task_id, t.name, t.input, t.dequeue_count";

    /// <summary>Row locks on the instances an episode batch commits: a worker taking one over waits for the commit.</summary>
    public override string LockRowsSuffix => " FOR UPDATE";

    public override object TimeValue(DateTime utc) => utc.Kind switch
    {
        DateTimeKind.Utc => utc,
        DateTimeKind.Local => utc.ToUniversalTime(),
        // The runtime's times are all UTC; a default(DateTime) only lost the kind.
        _ => DateTime.SpecifyKind(utc, DateTimeKind.Utc),
    };

    public override DateTime ReadTime(DbDataReader reader, int ordinal) => reader.GetDateTime(ordinal);

    /// <summary>
    /// Claims (locks, leases, their renewal and return) run on connections with <c>synchronous_commit = off</c>:
    /// their commits do not wait for the WAL flush. The log is written in order, so a server crash can only lose
    /// the newest claims, never a commit that came after them: an episode commit or activity completion flushes
    /// every claim before it. Nor does a claim need the commit-outcome check: a claim whose COMMIT reply was lost
    /// is simply made again, and if the first one did commit, what it claimed waits for its lock or lease to
    /// expire. That saves a flush and a round trip on half of a run's transactions.
    /// </summary>
    public override async Task<T> WriteClaimAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var budget = NewBudget();
        while (true)
        {
            try
            {
                await using var connection = await claims.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (Exception ex) when (PostgresErrors.IsTransient(ex))
            {
                await budget.WaitAsync(ex, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var budget = NewBudget();
        while (true)
        {
            string? xid = null;
            var committing = false;
            T result = default!;
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                result = await work(connection, transaction).ConfigureAwait(false);
                xid = await AssignedTransactionIdAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                committing = true;
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (Exception ex) when (PostgresErrors.IsTransient(ex))
            {
                if (committing)
                {
                    // No id: the transaction wrote nothing, so whether it committed changes nothing.
                    if (xid is null || await CommittedAsync(xid, budget, cancellationToken).ConfigureAwait(false))
                    {
                        return result;
                    }
                }

                await budget.WaitAsync(ex, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var budget = NewBudget();
        while (true)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return await work(connection).ConfigureAwait(false);
            }
            catch (Exception ex) when (PostgresErrors.IsTransient(ex))
            {
                await budget.WaitAsync(ex, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Creates the schema and applies the embedded scripts that <c>schema_version</c> does not list, in one transaction
    /// under an advisory lock on the schema's name: workers starting together queue on the lock, and the later
    /// ones find the work done.
    /// </summary>
    public override async Task MigrateAsync(IReadOnlyList<(string Owner, SchemaScript Script)> addOns, CancellationToken cancellationToken)
    {
        var (from, to) = await WriteAsync(async (c, t) =>
        {
            await ExecuteAsync(c, t, "SELECT pg_advisory_xact_lock(@space, hashtext(@schema))", cancellationToken,
                ("space", AdvisoryLockSpace), ("schema", Schema)).ConfigureAwait(false);

            // Creating only a missing schema lets a role without CREATE on the database use one prepared for it.
            if (await ScalarAsync(c, t, "SELECT 1 FROM pg_namespace WHERE nspname = @schema", cancellationToken, ("schema", Schema)).ConfigureAwait(false) is null)
            {
                await ExecuteAsync(c, t, $"CREATE SCHEMA {Schema}", cancellationToken).ConfigureAwait(false);
            }

            // The scripts name tables without a schema; SET LOCAL ends with the transaction.
            await ExecuteAsync(c, t, $"SET LOCAL search_path TO {Schema}", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(c, t,
                "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)",
                cancellationToken).ConfigureAwait(false);
            var current = Convert.ToInt32(await ScalarAsync(c, t, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken).ConfigureAwait(false),
                CultureInfo.InvariantCulture);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM schema_version", (NpgsqlConnection)c, (NpgsqlTransaction)t))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var latest = current;
            foreach (var (version, description, sql) in Merge(Scripts(), addOns, Description))
            {
                // Every script not yet applied, not only those above the highest: scripts developed side by side
                // may land out of number order, and each is idempotent.
                if (applied.Contains(version))
                {
                    continue;
                }

                await ExecuteAsync(c, t, sql, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(c, t, "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, now())", cancellationToken,
                    ("v", version), ("d", description)).ConfigureAwait(false);
                latest = Math.Max(latest, version);
            }

            return (current, latest);
        }, cancellationToken).ConfigureAwait(false);

        if (to != from)
        {
            Logs.Migrated(logger, Description, Schema, from, to);
        }
    }

    /// <summary>The store's own embedded schema scripts, <c>NNN-description.sql</c>, in version order; add-ons bring theirs through the seam.</summary>
    internal static IEnumerable<SchemaScript> Scripts()
    {
        var assembly = typeof(PostgresDialect).Assembly;
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
        await claims.DisposeAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private RetryBudget NewBudget() => new(retryTimeout, Description, logger, () =>
    {
        dataSource.Clear();
        claims.Clear();
    });

    /// <summary>The id of the transaction if it has written anything, else null; read just before COMMIT.</summary>
    private static async Task<string?> AssignedTransactionIdAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        => await ScalarAsync(connection, transaction, "SELECT pg_current_xact_id_if_assigned()::text", cancellationToken).ConfigureAwait(false) as string;

    /// <summary>Asks the server, on a new connection, whether the transaction <paramref name="xid"/> committed.</summary>
    internal Task<bool> CommittedAsync(string xid, CancellationToken cancellationToken) => CommittedAsync(xid, NewBudget(), cancellationToken);

    /// <summary>Asks the server, on a new connection, whether the transaction whose COMMIT reply was lost committed.</summary>
    private async Task<bool> CommittedAsync(string xid, RetryBudget budget, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var status = await ScalarAsync(connection, null, "SELECT pg_xact_status(@xid::xid8)", cancellationToken, ("xid", xid)).ConfigureAwait(false) as string;
                switch (status)
                {
                    case "committed":
                    case "aborted":
                        Logs.CommitOutcome(logger, Description, xid, status);
                        return status == "committed";
                    case "in progress":
                        // The old backend has not yet noticed that its client is gone; it finishes one way or the other.
                        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
                        continue;
                    default:
                        throw new NightshiftException(
                            $"{Description}: the connection failed while committing transaction {xid}, and the server no longer knows whether it committed.");
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidParameterValue)
            {
                // "Transaction ID is in the future": the server crashed before the transaction reached its log.
                Logs.CommitOutcome(logger, Description, xid, "never reached the log");
                return false;
            }
            catch (Exception ex) when (PostgresErrors.IsTransient(ex))
            {
                await budget.WaitAsync(ex, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var cmd = Command(connection, transaction, sql, parameters);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var cmd = Command(connection, transaction, sql, parameters);
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    private static NpgsqlCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, (NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
