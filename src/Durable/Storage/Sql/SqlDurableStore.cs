using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage.Sql;

/// <summary>
/// The store contract over the shared schema (<c>instances</c>, <c>history</c>, <c>new_events</c>,
/// <c>new_tasks</c>). The SQL here is plain enough for both SQLite and PostgreSQL; a <see cref="SqlDialect"/>
/// supplies connections, time encoding and the statements that claim work.
/// </summary>
internal sealed partial class SqlDurableStore : IDurableStore
{
    private const string EventColumns = "event_type, task_id, name, payload, failure, details";

    private readonly SqlDialect dialect;
    private readonly string hub;
    private readonly string p;

    public SqlDurableStore(SqlDialect dialect, string hub)
    {
        this.dialect = dialect;
        this.hub = hub;
        p = dialect.TablePrefix;
    }

    public string Description => dialect.Description;

    public string Hub => hub;

    public SqlDialect Dialect => dialect;

    // InitializeAsync and the add-on seam (INightshiftSqlStore) are in SqlDurableStore.Seam.cs.

    // ------------------------------------------------------------------ client

    public async Task<IReadOnlyList<string>> CreateInstancesAsync(IReadOnlyList<(NewInstance Instance, InstanceIdReusePolicy Policy)> starts, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await dialect.WriteAsync(async (c, t) =>
        {
            // One look at every id up front and one insert of all new instances: a production launching
            // hundreds of runs costs a few statements, not three per run.
            var statuses = await ReadStatusesAsync(c, t, [.. starts.Select(s => s.Instance.InstanceId).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
            var ids = new List<string>(starts.Count);
            var fresh = new List<NewInstance>(starts.Count);
            foreach (var (instance, policy) in starts)
            {
                if (statuses.TryGetValue(instance.InstanceId, out var status))
                {
                    switch (policy)
                    {
                        case InstanceIdReusePolicy.ReturnExisting:
                            ids.Add(instance.InstanceId);
                            continue;
                        case InstanceIdReusePolicy.ReplaceIfTerminal when status.IsTerminal():
                            await DeleteInstanceRowsAsync(c, t, instance.InstanceId, cancellationToken).ConfigureAwait(false);
                            break;
                        default:
                            throw new InstanceAlreadyExistsException(instance.InstanceId, status);
                    }
                }

                // A later start of the same id in this batch sees this one as it will be.
                statuses[instance.InstanceId] = OrchestrationStatus.Pending;
                fresh.Add(instance);
                ids.Add(instance.InstanceId);
            }

            await InsertInstancesAsync(c, t, fresh, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<string>)ids;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task EnqueueAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await dialect.WriteAsync(async (c, t) =>
        {
            foreach (var message in messages)
            {
                if (await ReadStatusAsync(c, t, message.InstanceId, cancellationToken).ConfigureAwait(false) is null)
                {
                    throw new InstanceNotFoundException(message.InstanceId);
                }

                await InsertMessageAsync(c, t, message, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OrchestrationState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await dialect.ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, $"SELECT {InstanceColumns} FROM {p}instances WHERE hub = @hub AND instance_id = @id");
            Add(cmd, "@id", instanceId);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadState(reader) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var offset = query.ContinuationToken is null ? 0 : int.Parse(query.ContinuationToken, CultureInfo.InvariantCulture);
        var pageSize = Math.Clamp(query.PageSize, 1, 10_000);
        return await dialect.ReadAsync(async c =>
        {
            var sql = new StringBuilder($"SELECT {InstanceColumns} FROM {p}instances WHERE hub = @hub");
            await using var cmd = Command(c, null, "");
            if (query.Statuses is { Count: > 0 } statuses)
            {
                var names = statuses.Select((s, i) => (s, name: $"@s{i}")).ToList();
                sql.Append(" AND status IN (").Append(string.Join(", ", names.Select(n => n.name))).Append(')');
                foreach (var (s, name) in names)
                {
                    Add(cmd, name, s.ToString());
                }
            }

            if (query.Name is not null)
            {
                sql.Append(" AND name = @name");
                Add(cmd, "@name", query.Name);
            }

            if (query.CreatedFrom is { } from)
            {
                sql.Append(" AND created_at >= @from");
                Add(cmd, "@from", dialect.TimeValue(AsUtc(from)));
            }

            if (query.CreatedTo is { } to)
            {
                sql.Append(" AND created_at < @to");
                Add(cmd, "@to", dialect.TimeValue(AsUtc(to)));
            }

            if (query.InstanceIdPrefix is not null)
            {
                // A range on the key instead of LIKE, so the primary key index serves it and '_' or '%' in ids mean nothing.
                sql.Append(" AND instance_id >= @prefix AND instance_id < @prefixEnd");
                Add(cmd, "@prefix", query.InstanceIdPrefix);
                Add(cmd, "@prefixEnd", query.InstanceIdPrefix + "\uffff");
            }

            if (query.ParentInstanceId is not null)
            {
                sql.Append(" AND parent_instance_id = @parent");
                Add(cmd, "@parent", query.ParentInstanceId);
            }

            sql.Append(" ORDER BY created_at DESC, instance_id LIMIT @limit OFFSET @offset");
            Add(cmd, "@limit", pageSize + 1);
            Add(cmd, "@offset", offset);
            cmd.CommandText = sql.ToString();

            var rows = new List<OrchestrationState>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(ReadState(reader));
            }

            var more = rows.Count > pageSize;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            return new InstancePage(rows, more ? (offset + pageSize).ToString(CultureInfo.InvariantCulture) : null);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HistoryEventRecord>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await dialect.ReadAsync(async c =>
        {
            await using var cmd = Command(c, null,
                $"SELECT execution_id, sequence, {EventColumns}, timestamp FROM {p}history WHERE hub = @hub AND instance_id = @id ORDER BY execution_id, sequence");
            Add(cmd, "@id", instanceId);
            var rows = new List<HistoryEventRecord>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var e = ReadEvent(reader, 2);
                rows.Add(new HistoryEventRecord
                {
                    ExecutionId = reader.GetString(0),
                    Sequence = reader.GetInt32(1),
                    EventType = e.Type.ToString(),
                    TaskId = e.TaskId,
                    Name = e.Name,
                    Payload = e.Payload,
                    Failure = e.Failure,
                    Timestamp = dialect.ReadTime(reader, 8),
                });
            }

            // Executions in the order they started (a restart leaves the failed one before it), each in its own order.
            return rows.GroupBy(r => r.ExecutionId)
                .OrderBy(g => g.Min(r => r.Timestamp))
                .SelectMany(g => g.OrderBy(r => r.Sequence))
                .ToList();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await dialect.WriteAsync(async (c, t) =>
        {
            var status = await ReadStatusAsync(c, t, instanceId, cancellationToken).ConfigureAwait(false);
            if (status is not { } s || !s.IsTerminal())
            {
                return false;
            }

            await DeleteInstanceRowsAsync(c, t, instanceId, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeBatchAsync(PurgeFilter filter, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var statuses = (filter.Statuses ?? [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated])
            .Where(s => s.IsTerminal()).ToList();
        if (statuses.Count == 0)
        {
            return 0;
        }

        return await dialect.WriteAsync(async (c, t) =>
        {
            var sql = new StringBuilder($"SELECT instance_id FROM {p}instances WHERE hub = @hub AND status IN (")
                .Append(string.Join(", ", statuses.Select((_, i) => $"@s{i}"))).Append(')');
            await using var cmd = Command(c, t, "");
            for (var i = 0; i < statuses.Count; i++)
            {
                Add(cmd, $"@s{i}", statuses[i].ToString());
            }

            if (filter.CompletedBefore is { } before)
            {
                sql.Append(" AND completed_at < @before");
                Add(cmd, "@before", dialect.TimeValue(AsUtc(before)));
            }

            if (filter.CreatedFrom is { } from)
            {
                sql.Append(" AND created_at >= @createdFrom");
                Add(cmd, "@createdFrom", dialect.TimeValue(AsUtc(from)));
            }

            if (filter.CreatedTo is { } to)
            {
                sql.Append(" AND created_at < @createdTo");
                Add(cmd, "@createdTo", dialect.TimeValue(AsUtc(to)));
            }

            if (filter.InstanceIdPrefix is not null)
            {
                sql.Append(" AND instance_id >= @prefix AND instance_id < @prefixEnd");
                Add(cmd, "@prefix", filter.InstanceIdPrefix);
                Add(cmd, "@prefixEnd", filter.InstanceIdPrefix + "\uffff");
            }

            sql.Append(" LIMIT @limit");
            Add(cmd, "@limit", Math.Max(1, filter.BatchSize));
            cmd.CommandText = sql.ToString();
            var ids = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            foreach (var id in ids)
            {
                await DeleteInstanceRowsAsync(c, t, id, cancellationToken).ConfigureAwait(false);
            }

            return ids.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task RewindHistoryAsync(string instanceId, string executionId, IReadOnlyList<HistoryEvent> history, IReadOnlyList<NewTask> tasks, OrchestrationMessage wake, DateTime now, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await dialect.WriteAsync(async (c, t) =>
        {
            var status = await ReadStatusAsync(c, t, instanceId, cancellationToken).ConfigureAwait(false) ?? throw new InstanceNotFoundException(instanceId);
            if (status != OrchestrationStatus.Failed)
            {
                throw new NightshiftException($"Instance '{instanceId}' is {status}; only a failed instance can be restarted.");
            }

            await ExecuteAsync(c, t, $"DELETE FROM {p}history WHERE hub = @hub AND instance_id = @id", cancellationToken, ("@id", instanceId)).ConfigureAwait(false);
            await ExecuteAsync(c, t, $"DELETE FROM {p}new_tasks WHERE hub = @hub AND instance_id = @id", cancellationToken, ("@id", instanceId)).ConfigureAwait(false);
            var next = 0;
            await InsertRowsAsync(c, t, "history", HistoryColumns,
                history.Select(e => EventRow([hub, instanceId, executionId, next++], e, [dialect.TimeValue(e.Timestamp)])), cancellationToken).ConfigureAwait(false);
            var time = dialect.TimeValue(now);
            await InsertRowsAsync(c, t, "new_tasks", ["hub", "instance_id", "execution_id", "task_id", "name", "input", "visible_at", "dequeue_count", "created_at"],
                tasks.Select(task => new object?[] { hub, task.InstanceId, task.ExecutionId, task.TaskId, task.Name, task.Input, time, 0, time }), cancellationToken).ConfigureAwait(false);
            await InsertMessageAsync(c, t, wake, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(c, t,
                $"UPDATE {p}instances SET status = 'Running', output = NULL, failure = NULL, completed_at = NULL, updated_at = @now, " +
                "episode = episode + 1, locked_by = NULL, locked_until = NULL WHERE hub = @hub AND instance_id = @id",
                cancellationToken, ("@id", instanceId), ("@now", time)).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> GetChildInstanceIdsAsync(string parentInstanceId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await dialect.ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, $"SELECT instance_id FROM {p}instances WHERE hub = @hub AND parent_instance_id = @id");
            Add(cmd, "@id", parentInstanceId);
            var ids = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }

            return (IReadOnlyList<string>)ids;
        }, cancellationToken).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ orchestration work

    public async Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationsAsync(string owner, TimeSpan lockFor, int max, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTime.UtcNow;
        return await dialect.WriteClaimAsync(async (c, t) =>
        {
            var ids = new List<string>();
            await using (var pick = Command(c, t, dialect.SelectLockableInstancesSql))
            {
                Add(pick, "@now", dialect.TimeValue(now));
                Add(pick, "@max", max);
                await using var reader = await pick.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // A dialect may return an instance once per message (PostgreSQL cannot lock rows under DISTINCT).
                    var id = reader.GetString(0);
                    if (!ids.Contains(id))
                    {
                        ids.Add(id);
                    }
                }
            }

            if (ids.Count == 0)
            {
                return (IReadOnlyList<OrchestrationWorkItem>)[];
            }

            var rows = new Dictionary<string, (string ExecutionId, string Name, OrchestrationStatus Status, long Episode)>(StringComparer.Ordinal);
            await using (var lockCmd = Command(c, t, ""))
            {
                lockCmd.CommandText =
                    $"UPDATE {p}instances SET locked_by = @owner, locked_until = @until WHERE hub = @hub AND instance_id IN ({InList(lockCmd, "@i", ids)}) " +
                    "RETURNING instance_id, execution_id, name, status, episode";
                Add(lockCmd, "@owner", owner);
                Add(lockCmd, "@until", dialect.TimeValue(now + lockFor));
                await using var reader = await lockCmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), Enum.Parse<OrchestrationStatus>(reader.GetString(3)), reader.GetInt64(4));
                }
            }

            // A suspended instance only takes the messages that can end its suspension.
            var messages = ids.ToDictionary(id => id, _ => new List<OrchestrationMessage>(), StringComparer.Ordinal);
            var running = ids.Where(id => rows[id].Status != OrchestrationStatus.Suspended).ToList();
            var suspended = ids.Where(id => rows[id].Status == OrchestrationStatus.Suspended).ToList();
            foreach (var (group, filter) in new[] { (running, ""), (suspended, " AND event_type IN ('ExecutionResumed', 'ExecutionTerminated')") })
            {
                if (group.Count == 0)
                {
                    continue;
                }

                await using var take = Command(c, t, "");
                take.CommandText =
                    $"UPDATE {p}new_events SET dequeue_count = dequeue_count + 1 WHERE hub = @hub AND instance_id IN ({InList(take, "@i", group)}) AND visible_at <= @now{filter} " +
                    $"RETURNING id, instance_id, execution_id, {EventColumns}, visible_at, dequeue_count, created_at";
                Add(take, "@now", dialect.TimeValue(now));
                await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var instanceId = reader.GetString(1);
                    messages[instanceId].Add(new OrchestrationMessage
                    {
                        Id = reader.GetInt64(0),
                        InstanceId = instanceId,
                        ExecutionId = reader.IsDBNull(2) ? null : reader.GetString(2),
                        Event = ReadEvent(reader, 3) with { Timestamp = dialect.ReadTime(reader, 11) },
                        VisibleAt = dialect.ReadTime(reader, 9),
                        DequeueCount = reader.GetInt32(10),
                    });
                }
            }

            // With several writers, an instance can be picked for a message that another worker's episode consumed
            // just before the pick locked it (PostgreSQL rechecks the locked row, not the message subquery). Such
            // an instance has nothing to do: its lock is released at once instead of running an empty episode.
            var idle = ids.Where(id => messages[id].Count == 0).ToList();
            if (idle.Count > 0)
            {
                await using var release = Command(c, t, "");
                release.CommandText =
                    $"UPDATE {p}instances SET locked_by = NULL, locked_until = NULL WHERE hub = @hub AND instance_id IN ({InList(release, "@i", idle)}) AND locked_by = @owner";
                Add(release, "@owner", owner);
                await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var items = new List<OrchestrationWorkItem>(ids.Count);
            foreach (var id in ids.Except(idle, StringComparer.Ordinal))
            {
                // RETURNING gives no order; an episode must see its messages in the order they were sent.
                var list = messages[id];
                list.Sort((x, y) => x.Id.CompareTo(y.Id));
                var row = rows[id];
                items.Add(new OrchestrationWorkItem
                {
                    InstanceId = id,
                    ExecutionId = row.ExecutionId,
                    Name = row.Name,
                    Status = row.Status,
                    Episode = row.Episode,
                    LockOwner = owner,
                    Messages = list,
                });
            }

            return (IReadOnlyList<OrchestrationWorkItem>)items;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(string instanceId, string executionId, CancellationToken cancellationToken)
    {
        return await dialect.ReadAsync(async c =>
        {
            await using var cmd = Command(c, null,
                $"SELECT {EventColumns}, timestamp FROM {p}history WHERE hub = @hub AND instance_id = @id AND execution_id = @exec ORDER BY sequence");
            Add(cmd, "@id", instanceId);
            Add(cmd, "@exec", executionId);
            var events = new List<HistoryEvent>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(ReadEvent(reader, 0) with { Timestamp = dialect.ReadTime(reader, 6) });
            }

            return (IReadOnlyList<HistoryEvent>)events;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>
    /// Set-based, so that a batch costs a handful of statements whatever its size: one query finds the episodes
    /// whose lock is still theirs (and, where the dialect can, row-locks them until the commit, so nothing can
    /// take them in between); then every write of those episodes goes out together: the instance updates in
    /// one command, the history rows, consumed messages and new tasks of all of them in one statement each.
    /// An episode whose lock was taken over writes nothing. Child instances and messages to other instances,
    /// which need a look at their target first, are written one by one as before.
    /// </remarks>
    public async Task<IReadOnlyList<bool>> CommitEpisodesAsync(IReadOnlyList<(OrchestrationWorkItem WorkItem, EpisodeCommit Commit)> episodes, CancellationToken cancellationToken)
    {
        return await dialect.WriteAsync(async (c, t) =>
        {
            var results = new bool[episodes.Count];
            var held = await HeldLocksAsync(c, t, episodes, cancellationToken).ConfigureAwait(false);
            var mine = Enumerable.Range(0, episodes.Count).Where(held.Contains).ToList();
            if (mine.Count == 0)
            {
                return (IReadOnlyList<bool>)results;
            }

            foreach (var chunk in mine.Chunk(50))
            {
                await UpdateInstancesAsync(c, t, [.. chunk.Select(i => episodes[i])], cancellationToken).ConfigureAwait(false);
            }

            var history = new List<object?[]>();
            var tasks = new List<object?[]>();
            var consumed = new List<long>();
            foreach (var i in mine)
            {
                results[i] = true;
                var (workItem, commit) = episodes[i];
                consumed.AddRange(commit.ConsumedMessageIds);
                if (commit.DropWaitingMessages)
                {
                    await ExecuteAsync(c, t, $"DELETE FROM {p}new_events WHERE hub = @hub AND instance_id = @id", cancellationToken, ("@id", workItem.InstanceId)).ConfigureAwait(false);
                }

                if (IsConsumeOnly(workItem, commit))
                {
                    continue;
                }

                if (commit.NewExecutionId is not null)
                {
                    // ContinueAsNew: the finished execution's history goes, which is what keeps an eternal loop bounded.
                    await ExecuteAsync(c, t, $"DELETE FROM {p}history WHERE hub = @hub AND instance_id = @id", cancellationToken, ("@id", workItem.InstanceId)).ConfigureAwait(false);
                    var next = 0;
                    history.AddRange((commit.NewExecutionHistory ?? []).Select(e => EventRow([hub, workItem.InstanceId, commit.NewExecutionId, next++], e, [dialect.TimeValue(e.Timestamp)])));
                }
                else if (commit.NewHistory.Count > 0)
                {
                    var next = commit.FirstSequence ?? await NextSequenceAsync(c, t, workItem.InstanceId, workItem.ExecutionId, cancellationToken).ConfigureAwait(false);
                    history.AddRange(commit.NewHistory.Select(e => EventRow([hub, workItem.InstanceId, workItem.ExecutionId, next++], e, [dialect.TimeValue(e.Timestamp)])));
                }

                var now = dialect.TimeValue(commit.Now);
                tasks.AddRange(commit.NewTasks.Select(task => new object?[] { hub, task.InstanceId, task.ExecutionId, task.TaskId, task.Name, task.Input, now, 0, now }));
            }

            await InsertRowsAsync(c, t, "history", HistoryColumns, history, cancellationToken).ConfigureAwait(false);
            await DeleteMessagesAsync(c, t, consumed, cancellationToken).ConfigureAwait(false);
            await InsertRowsAsync(c, t, "new_tasks", ["hub", "instance_id", "execution_id", "task_id", "name", "input", "visible_at", "dequeue_count", "created_at"],
                tasks, cancellationToken).ConfigureAwait(false);

            var deliverable = new List<OrchestrationMessage>();
            foreach (var i in mine)
            {
                var (workItem, commit) = episodes[i];
                foreach (var child in commit.NewInstances)
                {
                    await CreateChildAsync(c, t, child, commit.Now, cancellationToken).ConfigureAwait(false);
                }

                // A message to an instance that does not exist (an event sent to a wrong id) is dropped, not kept forever.
                foreach (var message in commit.NewMessages)
                {
                    if (message.InstanceId == workItem.InstanceId || await ReadStatusAsync(c, t, message.InstanceId, cancellationToken).ConfigureAwait(false) is not null)
                    {
                        deliverable.Add(message);
                    }
                }
            }

            await InsertMessagesAsync(c, t, deliverable, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<bool>)results;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static readonly string[] HistoryColumns = ["hub", "instance_id", "execution_id", "sequence", "event_type", "task_id", "name", "payload", "failure", "details", "timestamp"];

    /// <summary>
    /// The guard: the indexes of the episodes whose instance is still locked by their owner at the episode they
    /// read. Anything else means another worker took the instance over, and that episode's work must vanish.
    /// </summary>
    private async Task<HashSet<int>> HeldLocksAsync(DbConnection c, DbTransaction t, IReadOnlyList<(OrchestrationWorkItem WorkItem, EpisodeCommit Commit)> episodes, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, (string? Owner, long Episode)>(StringComparer.Ordinal);
        foreach (var chunk in episodes.Select(e => e.WorkItem.InstanceId).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            await using var cmd = Command(c, t, "");
            cmd.CommandText = $"SELECT instance_id, locked_by, episode FROM {p}instances WHERE hub = @hub AND instance_id IN ({InList(cmd, "@i", chunk)}){dialect.LockRowsSuffix}";
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                current[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
            }
        }

        var held = new HashSet<int>();
        for (var i = 0; i < episodes.Count; i++)
        {
            var item = episodes[i].WorkItem;
            if (current.TryGetValue(item.InstanceId, out var row) && row.Owner == item.LockOwner && row.Episode == item.Episode)
            {
                held.Add(i);
            }
        }

        return held;
    }

    /// <summary>One command with an UPDATE per episode; each still checks the guard, and all must match.</summary>
    private async Task UpdateInstancesAsync(DbConnection c, DbTransaction t, IReadOnlyList<(OrchestrationWorkItem WorkItem, EpisodeCommit Commit)> episodes, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder();
        await using var cmd = Command(c, t, "");
        for (var n = 0; n < episodes.Count; n++)
        {
            var (workItem, commit) = episodes[n];
            if (IsConsumeOnly(workItem, commit))
            {
                // Late messages to a finished instance (an event raised after it completed) are only consumed: its
                // output, failure and completion time stay as its last execution left them.
                sql.Append($"UPDATE {p}instances SET episode = episode + 1, locked_by = NULL, locked_until = NULL ");
            }
            else
            {
                sql.Append($"UPDATE {p}instances SET status = @status{n}, output = @output{n}, failure = @failure{n}, ")
                    .Append($"custom_status = COALESCE(@custom{n}, custom_status), updated_at = @now{n}, completed_at = @completed{n}, ")
                    .Append($"execution_id = @exec{n}, input = COALESCE(@newInput{n}, input), episode = episode + 1, ");
                if (commit.KeepLockUntil is { } keepUntil)
                {
                    sql.Append($"locked_until = @keep{n} ");
                    Add(cmd, $"@keep{n}", dialect.TimeValue(keepUntil));
                }
                else
                {
                    sql.Append("locked_by = NULL, locked_until = NULL ");
                }

                Add(cmd, $"@status{n}", commit.Status.ToString());
                Add(cmd, $"@output{n}", commit.Output);
                Add(cmd, $"@failure{n}", commit.Failure is null ? null : JsonSerializer.Serialize(commit.Failure, DurableJson.Options));
                Add(cmd, $"@custom{n}", commit.CustomStatus);
                Add(cmd, $"@now{n}", dialect.TimeValue(commit.Now));
                Add(cmd, $"@completed{n}", commit.CompletedAt is { } done ? dialect.TimeValue(done) : null);
                Add(cmd, $"@exec{n}", commit.NewExecutionId ?? workItem.ExecutionId);
                Add(cmd, $"@newInput{n}", commit.NewExecutionId is null ? null : commit.NewExecutionInput ?? "null");
            }

            sql.Append($"WHERE hub = @hub AND instance_id = @id{n} AND locked_by = @owner{n} AND episode = @episode{n};");
            Add(cmd, $"@id{n}", workItem.InstanceId);
            Add(cmd, $"@owner{n}", workItem.LockOwner);
            Add(cmd, $"@episode{n}", workItem.Episode);
        }

        cmd.CommandText = sql.ToString();
        var updated = await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (updated != episodes.Count)
        {
            // The rows were checked a moment ago in this transaction; a difference means the dialect failed to
            // serialise writers. Failing the whole batch makes the worker retry the episodes one by one.
            throw new NightshiftException($"{dialect.Description}: {episodes.Count - updated} of {episodes.Count} instance locks changed within one commit.");
        }
    }

    /// <summary>
    /// Query bounds come from callers (a CLI's "--since 1h" is local time); the columns hold UTC, so a Local time is
    /// converted and an Unspecified one is taken as UTC, as the rest of the runtime does.
    /// </summary>
    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    private static bool IsConsumeOnly(OrchestrationWorkItem workItem, EpisodeCommit commit)
        => workItem.Status.IsTerminal() && commit.NewExecutionId is null && commit.Status == workItem.Status;

    private async Task<int> NextSequenceAsync(DbConnection c, DbTransaction t, string instanceId, string executionId, CancellationToken cancellationToken)
    {
        await using var max = Command(c, t, $"SELECT COALESCE(MAX(sequence), -1) + 1 FROM {p}history WHERE hub = @hub AND instance_id = @id AND execution_id = @exec");
        Add(max, "@id", instanceId);
        Add(max, "@exec", executionId);
        return Convert.ToInt32(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await dialect.WriteClaimAsync(async (c, t) =>
        {
            await ExecuteAsync(c, t,
                $"UPDATE {p}instances SET locked_by = NULL, locked_until = NULL WHERE hub = @hub AND instance_id = @id AND locked_by = @owner",
                cancellationToken, ("@id", workItem.InstanceId), ("@owner", workItem.LockOwner)).ConfigureAwait(false);
            if (delay > TimeSpan.Zero)
            {
                foreach (var message in workItem.Messages)
                {
                    await ExecuteAsync(c, t, $"UPDATE {p}new_events SET visible_at = @visible WHERE id = @mid", cancellationToken,
                        ("@mid", message.Id), ("@visible", dialect.TimeValue(now + delay))).ConfigureAwait(false);
                }
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OrchestrationMessage>?> TakeSessionMessagesAsync(string instanceId, string owner, long episode, TimeSpan lockFor, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;

        // Most polls of an idle session find nothing: a read answers them without taking the write lock.
        var waiting = await dialect.ReadAsync(async c =>
        {
            await using var peek = Command(c, null, $"SELECT 1 FROM {p}new_events WHERE hub = @hub AND instance_id = @id AND visible_at <= @now LIMIT 1");
            Add(peek, "@id", instanceId);
            Add(peek, "@now", dialect.TimeValue(now));
            return await peek.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }, cancellationToken).ConfigureAwait(false);

        // Nothing waits: the lock needs no look either, it was set well past the idle timeout at the last commit.
        if (!waiting)
        {
            return [];
        }

        return await dialect.WriteClaimAsync(async (c, t) =>
        {
            await using (var extend = Command(c, t,
                $"UPDATE {p}instances SET locked_until = @until WHERE hub = @hub AND instance_id = @id AND locked_by = @owner AND episode = @episode AND status <> 'Suspended'"))
            {
                Add(extend, "@id", instanceId);
                Add(extend, "@owner", owner);
                Add(extend, "@episode", episode);
                Add(extend, "@until", dialect.TimeValue(now + lockFor));
                if (await extend.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    return null;
                }
            }

            var messages = new List<OrchestrationMessage>();

            await using var take = Command(c, t,
                $"UPDATE {p}new_events SET dequeue_count = dequeue_count + 1 WHERE hub = @hub AND instance_id = @id AND visible_at <= @now " +
                $"RETURNING id, instance_id, execution_id, {EventColumns}, visible_at, dequeue_count, created_at");
            Add(take, "@id", instanceId);
            Add(take, "@now", dialect.TimeValue(now));
            await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(new OrchestrationMessage
                {
                    Id = reader.GetInt64(0),
                    InstanceId = instanceId,
                    ExecutionId = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Event = ReadEvent(reader, 3) with { Timestamp = dialect.ReadTime(reader, 11) },
                    VisibleAt = dialect.ReadTime(reader, 9),
                    DequeueCount = reader.GetInt32(10),
                });
            }

            messages.Sort((x, y) => x.Id.CompareTo(y.Id));
            return messages;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseOrchestrationLockAsync(string instanceId, string owner, CancellationToken cancellationToken)
    {
        await dialect.WriteClaimAsync(async (c, t) =>
        {
            await ExecuteAsync(c, t, $"UPDATE {p}instances SET locked_by = NULL, locked_until = NULL WHERE hub = @hub AND instance_id = @id AND locked_by = @owner",
                cancellationToken, ("@id", instanceId), ("@owner", owner)).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ activity work

    public async Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(string owner, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTime.UtcNow;
        return await dialect.WriteClaimAsync(async (c, t) =>
        {
            await using var cmd = Command(c, t, dialect.LeaseTasksSql);
            Add(cmd, "@now", dialect.TimeValue(now));
            Add(cmd, "@until", dialect.TimeValue(now + leaseFor));
            Add(cmd, "@owner", owner);
            Add(cmd, "@max", max);
            var items = new List<ActivityWorkItem>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new ActivityWorkItem
                {
                    Id = reader.GetInt64(0),
                    InstanceId = reader.GetString(1),
                    ExecutionId = reader.GetString(2),
                    TaskId = reader.GetInt32(3),
                    Name = reader.GetString(4),
                    Input = reader.IsDBNull(5) ? null : reader.GetString(5),
                    DequeueCount = reader.GetInt32(6),
                    LockOwner = owner,
                });
            }

            items.Sort((a, b) => a.Id.CompareTo(b.Id));
            return (IReadOnlyList<ActivityWorkItem>)items;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<long>> RenewActivityLeasesAsync(string owner, IReadOnlyCollection<long> taskIds, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        return await dialect.WriteClaimAsync(async (c, t) =>
        {
            var kept = new HashSet<long>();
            foreach (var taskId in taskIds)
            {
                await using var cmd = Command(c, t, $"UPDATE {p}new_tasks SET visible_at = @until WHERE id = @tid AND locked_by = @owner");
                Add(cmd, "@until", dialect.TimeValue(now + leaseFor));
                Add(cmd, "@tid", taskId);
                Add(cmd, "@owner", owner);
                if (await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    kept.Add(taskId);
                }
            }

            return (IReadOnlySet<long>)kept;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CompleteActivitiesAsync(IReadOnlyList<ActivityCompletion> completions, CancellationToken cancellationToken)
    {
        return await dialect.WriteAsync(async (c, t) =>
        {
            // Only a task row that still exists may deliver its result: the delete is the once-only gate.
            var deleted = new HashSet<long>();
            foreach (var chunk in completions.Chunk(500))
            {
                await using var delete = Command(c, t, "");
                delete.CommandText = $"DELETE FROM {p}new_tasks WHERE id IN ({InList(delete, "@t", chunk.Select(x => x.TaskRowId).ToList())}) RETURNING id";
                await using var reader = await delete.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    deleted.Add(reader.GetInt64(0));
                }
            }

            var fresh = completions.Where(x => deleted.Remove(x.TaskRowId)).Select(x => x.Result).ToList();
            await InsertMessagesAsync(c, t, fresh, cancellationToken).ConfigureAwait(false);
            return fresh.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task AbandonActivityAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await dialect.WriteClaimAsync(async (c, t) =>
        {
            await ExecuteAsync(c, t, $"UPDATE {p}new_tasks SET locked_by = NULL, visible_at = @visible WHERE id = @tid AND locked_by = @owner",
                cancellationToken, ("@tid", workItem.Id), ("@owner", workItem.LockOwner), ("@visible", dialect.TimeValue(now + delay))).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        migrateGate.Dispose();
        return dialect.DisposeAsync();
    }

    // ------------------------------------------------------------------ helpers

    private const string InstanceColumns =
        "instance_id, execution_id, name, status, input, output, custom_status, failure, parent_instance_id, created_at, updated_at, completed_at";

    private OrchestrationState ReadState(DbDataReader r) => new()
    {
        InstanceId = r.GetString(0),
        ExecutionId = r.GetString(1),
        Name = r.GetString(2),
        Status = Enum.Parse<OrchestrationStatus>(r.GetString(3)),
        Input = r.IsDBNull(4) ? null : r.GetString(4),
        Output = r.IsDBNull(5) ? null : r.GetString(5),
        CustomStatus = r.IsDBNull(6) ? null : r.GetString(6),
        Failure = r.IsDBNull(7) ? null : JsonSerializer.Deserialize<FailureDetails>(r.GetString(7), DurableJson.Options),
        ParentInstanceId = r.IsDBNull(8) ? null : r.GetString(8),
        CreatedAt = dialect.ReadTime(r, 9),
        UpdatedAt = dialect.ReadTime(r, 10),
        CompletedAt = r.IsDBNull(11) ? null : dialect.ReadTime(r, 11),
    };

    private static HistoryEvent ReadEvent(DbDataReader r, int first) => new()
    {
        Type = Enum.Parse<EventType>(r.GetString(first)),
        TaskId = r.GetInt32(first + 1),
        Name = r.IsDBNull(first + 2) ? null : r.GetString(first + 2),
        Payload = r.IsDBNull(first + 3) ? null : r.GetString(first + 3),
        Failure = r.IsDBNull(first + 4) ? null : JsonSerializer.Deserialize<FailureDetails>(r.GetString(first + 4), DurableJson.Options),
        Details = r.IsDBNull(first + 5) ? null : JsonSerializer.Deserialize<EventDetails>(r.GetString(first + 5), DurableJson.Options),
    };

    private Task InsertMessagesAsync(DbConnection c, DbTransaction t, IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken)
        => messages.Count == 0
            ? Task.CompletedTask
            : InsertRowsAsync(c, t, "new_events",
                ["hub", "instance_id", "execution_id", "event_type", "task_id", "name", "payload", "failure", "details", "visible_at", "dequeue_count", "created_at"],
                messages.Select(m => EventRow([hub, m.InstanceId, m.ExecutionId], m.Event,
                    [dialect.TimeValue(m.VisibleAt), 0, dialect.TimeValue(m.Event.Timestamp == default ? DateTime.UtcNow : m.Event.Timestamp)])),
                cancellationToken);

    private static object?[] EventRow(object?[] before, HistoryEvent e, object?[] after) =>
    [
        .. before,
        e.Type.ToString(),
        e.TaskId,
        e.Name,
        e.Payload,
        e.Failure is null ? null : JsonSerializer.Serialize(e.Failure, DurableJson.Options),
        e.Details is null ? null : JsonSerializer.Serialize(e.Details, DurableJson.Options),
        .. after,
    ];

    /// <summary>Multi-row INSERT, in chunks that stay under every database's parameter limit.</summary>
    private async Task InsertRowsAsync(DbConnection c, DbTransaction t, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var perChunk = Math.Max(1, 4000 / columns.Length);
        foreach (var chunk in rows.Chunk(perChunk))
        {
            var sql = new StringBuilder($"INSERT INTO {p}{table} (").Append(string.Join(", ", columns)).Append(") VALUES ");
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var col = 0; col < columns.Length; col++)
                {
                    sql.Append(col == 0 ? "" : ", ").Append("@p").Append(r).Append('_').Append(col);
                }

                sql.Append(')');
            }

            await using var cmd = dialect.CreateCommand(c, t, sql.ToString());
            for (var r = 0; r < chunk.Length; r++)
            {
                for (var col = 0; col < columns.Length; col++)
                {
                    Add(cmd, $"@p{r}_{col}", chunk[r][col]);
                }
            }

            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds one parameter per value and returns the comma-separated parameter names.</summary>
    private static string InList<T>(DbCommand cmd, string prefix, IReadOnlyList<T> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = $"{prefix}{i}";
            Add(cmd, names[i], values[i]);
        }

        return string.Join(", ", names);
    }

    private Task InsertMessageAsync(DbConnection c, DbTransaction t, OrchestrationMessage message, CancellationToken cancellationToken)
        => InsertMessagesAsync(c, t, [message], cancellationToken);

    private Task InsertInstanceAsync(DbConnection c, DbTransaction t, NewInstance instance, CancellationToken cancellationToken)
        => InsertInstancesAsync(c, t, [instance], cancellationToken);

    private async Task InsertInstancesAsync(DbConnection c, DbTransaction t, IReadOnlyList<NewInstance> instances, CancellationToken cancellationToken)
    {
        if (instances.Count == 0)
        {
            return;
        }

        await InsertRowsAsync(c, t, "instances", ["hub", "instance_id", "execution_id", "name", "status", "input", "parent_instance_id", "created_at", "updated_at", "episode"],
            instances.Select(i => new object?[]
            {
                hub, i.InstanceId, i.ExecutionId, i.Name, nameof(OrchestrationStatus.Pending), i.Input, i.ParentInstanceId,
                dialect.TimeValue(i.CreatedAt), dialect.TimeValue(i.CreatedAt), 0,
            }),
            cancellationToken).ConfigureAwait(false);
        await InsertMessagesAsync(c, t, [.. instances.Select(i => new OrchestrationMessage { InstanceId = i.InstanceId, Event = i.StartEvent, VisibleAt = i.VisibleAt })],
            cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateChildAsync(DbConnection c, DbTransaction t, NewInstance child, DateTime now, CancellationToken cancellationToken)
    {
        var status = await ReadStatusAsync(c, t, child.InstanceId, cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case null:
                await InsertInstanceAsync(c, t, child, cancellationToken).ConfigureAwait(false);
                break;
            case OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated:
                await DeleteInstanceRowsAsync(c, t, child.InstanceId, cancellationToken).ConfigureAwait(false);
                await InsertInstanceAsync(c, t, child, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // A live instance already has this id: tell the parent instead of disturbing it.
                var details = child.StartEvent.Details!;
                await InsertMessageAsync(c, t, new OrchestrationMessage
                {
                    InstanceId = details.ParentInstanceId!,
                    ExecutionId = details.ParentExecutionId,
                    VisibleAt = now,
                    Event = new HistoryEvent
                    {
                        Type = EventType.SubOrchestrationFailed,
                        TaskId = details.ParentTaskId ?? -1,
                        Timestamp = now,
                        Failure = new FailureDetails(typeof(InstanceAlreadyExistsException).FullName!,
                            $"Instance '{child.InstanceId}' already exists with status {status}."),
                    },
                }, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task<Dictionary<string, OrchestrationStatus>> ReadStatusesAsync(DbConnection c, DbTransaction t, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, OrchestrationStatus>(StringComparer.Ordinal);
        foreach (var chunk in instanceIds.Chunk(500))
        {
            await using var cmd = Command(c, t, "");
            cmd.CommandText = $"SELECT instance_id, status FROM {p}instances WHERE hub = @hub AND instance_id IN ({InList(cmd, "@i", chunk)})";
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                statuses[reader.GetString(0)] = Enum.Parse<OrchestrationStatus>(reader.GetString(1));
            }
        }

        return statuses;
    }

    private async Task<OrchestrationStatus?> ReadStatusAsync(DbConnection c, DbTransaction? t, string instanceId, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, t, $"SELECT status FROM {p}instances WHERE hub = @hub AND instance_id = @id");
        Add(cmd, "@id", instanceId);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string s ? Enum.Parse<OrchestrationStatus>(s) : null;
    }

    private async Task DeleteInstanceRowsAsync(DbConnection c, DbTransaction t, string instanceId, CancellationToken cancellationToken)
    {
        foreach (var table in (string[])["history", "new_events", "new_tasks", "instances"])
        {
            await ExecuteAsync(c, t, $"DELETE FROM {p}{table} WHERE hub = @hub AND instance_id = @id", cancellationToken, ("@id", instanceId)).ConfigureAwait(false);
        }
    }

    private async Task DeleteMessagesAsync(DbConnection c, DbTransaction t, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        // Chunks keep the statement under every database's parameter limit.
        foreach (var chunk in ids.Chunk(500))
        {
            await using var cmd = Command(c, t, "");
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                names[i] = $"@m{i}";
                Add(cmd, names[i], chunk[i]);
            }

            cmd.CommandText = $"DELETE FROM {p}new_events WHERE id IN ({string.Join(", ", names)})";
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ExecuteAsync(DbConnection c, DbTransaction t, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(c, t, sql);
        foreach (var (name, value) in parameters)
        {
            Add(cmd, name, value);
        }

        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(DbConnection c, DbTransaction? t, string sql)
    {
        var cmd = dialect.CreateCommand(c, t, sql);
        Add(cmd, "@hub", hub);
        return cmd;
    }

    private static void Add(DbCommand cmd, string name, object? value)
    {
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(parameter);
    }
}
