using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Runtime;

namespace Nightshift.Durable.Runtime;

using CoreState = DurableTask.Core.OrchestrationState;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using Row = Nightshift.Durable.Storage.HistoryEvent;
using RowType = Nightshift.Durable.Storage.EventType;

/// <summary>
/// DurableTask.Core's orchestration service over the Nightshift SQL store: the role DurableTask.SqlServer plays for
/// SQL Server, for SQLite and PostgreSQL. The worker side (work items, sessions, group commit) is in this file;
/// the client side is in <c>SqlOrchestrationService.Client.cs</c>.
/// </summary>
/// <remarks>
/// DurableTask.Core fetches one work item at a time per dispatcher. Claiming one instance per transaction would
/// make the claim the bottleneck, so claims are made in batches sized to the free slots and handed out from memory;
/// completions go through write batchers, so episodes and activity results that finish together share a commit.
/// </remarks>
internal sealed partial class SqlOrchestrationService :
    IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServicePurgeClient, IOrchestrationServiceQueryClient
{
    private readonly ConcurrentQueue<SqlOrchestrationWorkItem> claimedOrchestrations = new();
    private readonly ConcurrentQueue<SqlActivityWorkItem> claimedActivities = new();
    private readonly SemaphoreSlim orchestrationClaimGate = new(1, 1);
    private readonly SemaphoreSlim activityClaimGate = new(1, 1);
    private readonly WorkSignal orchestrationWork = new();
    private readonly WorkSignal activityWork = new();
    private readonly InstanceSignals sessions = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly string owner;

    // Starts that come together (a production launching its runs) share one transaction.
    private readonly WriteBatcher<(NewInstance, InstanceIdReusePolicy), string> starts;
    private WriteBatcher<(OrchestrationWorkItem, EpisodeCommit), bool>? episodeCommits;
    private WriteBatcher<ActivityCompletion, int>? activityCompletions;
    private int orchestrationsOut;
    private int activitiesOut;

    public SqlOrchestrationService(IDurableStore store, WorkerOptions options, ILoggerFactory loggerFactory)
    {
        Store = store;
        Options = options;
        Logger = loggerFactory.CreateLogger("Nightshift.Durable.Runtime");
        owner = options.WorkerName ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        starts = new WriteBatcher<(NewInstance, InstanceIdReusePolicy), string>(batch => Store.CreateInstancesAsync(batch, CancellationToken.None), 500);
    }

    internal IDurableStore Store { get; }

    internal WorkerOptions Options { get; }

    internal ILogger Logger { get; }

    public int TaskOrchestrationDispatcherCount => 1;

    public int MaxConcurrentTaskOrchestrationWorkItems => Options.MaxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public int TaskActivityDispatcherCount => 1;

    public int MaxConcurrentTaskActivityWorkItems => Options.MaxConcurrentActivities;

    // ------------------------------------------------------------------ lifecycle

    public async Task StartAsync()
    {
        await Store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        episodeCommits ??= new WriteBatcher<(OrchestrationWorkItem, EpisodeCommit), bool>(
            batch => Store.CommitEpisodesAsync(batch, CancellationToken.None), 200);
        activityCompletions ??= new WriteBatcher<ActivityCompletion, int>(CompleteActivitiesAsync, 500);
    }

    public Task StopAsync() => StopAsync(false);

    public async Task StopAsync(bool isForced)
    {
        await stopping.CancelAsync().ConfigureAwait(false);

        // Claimed but never handed out: give them back so another worker takes them at once.
        while (claimedOrchestrations.TryDequeue(out var item))
        {
            await Store.AbandonOrchestrationAsync(item.Claim, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }

        while (claimedActivities.TryDequeue(out var item))
        {
            await Store.AbandonActivityAsync(item.Lease, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }

        if (episodeCommits is not null)
        {
            await episodeCommits.CompleteAsync().ConfigureAwait(false);
        }

        if (activityCompletions is not null)
        {
            await activityCompletions.CompleteAsync().ConfigureAwait(false);
        }
    }

    public Task CreateAsync() => CreateAsync(false);

    public Task CreateAsync(bool recreateInstanceStore)
    {
        if (recreateInstanceStore)
        {
            throw new NotSupportedException("Nightshift never drops a store; delete the SQLite file or the PostgreSQL schema by hand.");
        }

        return Store.InitializeAsync(CancellationToken.None);
    }

    public Task CreateIfNotExistsAsync() => CreateAsync(false);

    public Task DeleteAsync() => DeleteAsync(false);

    public Task DeleteAsync(bool deleteInstanceStore)
        => throw new NotSupportedException("Nightshift never drops a store; delete the SQLite file or the PostgreSQL schema by hand.");

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 1;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => 1;

    // ------------------------------------------------------------------ orchestrations

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + receiveTimeout;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        while (!linked.IsCancellationRequested)
        {
            if (claimedOrchestrations.TryDequeue(out var ready))
            {
                Interlocked.Increment(ref orchestrationsOut);
                return ready;
            }

            var wake = orchestrationWork.Next;
            if (await ClaimOrchestrationsAsync(linked.Token).ConfigureAwait(false))
            {
                continue;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            await InstanceSignals.WaitAsync(wake, left < Options.MaxPollInterval ? left : Options.MaxPollInterval, linked.Token).ConfigureAwait(false);
        }

        return null!;
    }

    /// <summary>Claims as many instances as there are free slots; true when any became ready to hand out.</summary>
    private async Task<bool> ClaimOrchestrationsAsync(CancellationToken cancellationToken)
    {
        await orchestrationClaimGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!claimedOrchestrations.IsEmpty)
            {
                return true;
            }

            // DurableTask.Core asks for one work item whenever a slot frees, so claiming only the free slots would
            // claim one instance per transaction. A claim takes up to a full set of slots instead; the extra ones
            // wait here (their lock outlasts that wait by far) and go out as slots free.
            var free = Math.Min(100, 2 * Options.MaxConcurrentOrchestrations - Volatile.Read(ref orchestrationsOut));
            if (free <= 0)
            {
                return false;
            }

            var claims = await Store.LockNextOrchestrationsAsync(owner, Options.OrchestrationLockTimeout, free, cancellationToken).ConfigureAwait(false);
            var any = false;
            foreach (var claim in claims)
            {
                var item = await PrepareAsync(claim, cancellationToken).ConfigureAwait(false);
                if (item is not null)
                {
                    claimedOrchestrations.Enqueue(item);
                    any = true;
                }
            }

            return any || claims.Count > 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            orchestrationClaimGate.Release();
        }
    }

    /// <summary>
    /// Turns a claimed instance into a work item with its history, or settles it here when DurableTask.Core has
    /// nothing to run: late messages to a finished instance, replies meant for an earlier execution, poison messages.
    /// </summary>
    private async Task<SqlOrchestrationWorkItem?> PrepareAsync(OrchestrationWorkItem claim, CancellationToken cancellationToken)
    {
        var poison = claim.Messages.FirstOrDefault(m => m.DequeueCount > Options.MaxDeliveryCount);
        var isStart = claim.Messages.Any(m => m.Event.Type is RowType.ExecutionStarted or RowType.ExecutionRewound);
        var current = claim.Messages
            .Where(m => m.ExecutionId is null || m.ExecutionId == claim.ExecutionId || m.Event.Type == RowType.ExecutionStarted)
            .ToList();
        if ((claim.Status.IsTerminal() && !isStart) || current.Count == 0)
        {
            await ConsumeOnlyAsync(claim, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var rows = await Store.LoadHistoryAsync(claim.InstanceId, claim.ExecutionId, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0 && !isStart && claim.Messages.FirstOrDefault(m => m.Event.Type == RowType.ExecutionTerminated) is { } terminate)
        {
            // Terminated before its start (scheduled for later) was due: DurableTask.Core would drop the message
            // for want of a history, and the instance would start anyway. It ends here, start included.
            var now = DateTime.UtcNow;
            await Store.CommitEpisodesAsync([(claim, new EpisodeCommit
            {
                Status = OrchestrationStatus.Terminated,
                Output = terminate.Event.Payload,
                CompletedAt = now,
                Now = now,
                ConsumedMessageIds = [.. claim.Messages.Select(m => m.Id)],
                DropWaitingMessages = true,
            })], cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (poison is not null)
        {
            await FailPoisonedAsync(claim, rows, poison, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var history = new List<DurableTask.Core.History.HistoryEvent>(rows.Count);
        foreach (var row in rows)
        {
            history.Add(HistoryEventMapper.FromRow(row, played: true));
        }

        var item = new SqlOrchestrationWorkItem(claim)
        {
            OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
            NewMessages = [.. current.Select(m => ToTaskMessage(m, claim.ExecutionId))],
            MessageIds = [.. claim.Messages.Select(m => m.Id)],
            HistoryCount = rows.Count,
            Session = Options.ExtendedSessions ? new SqlOrchestrationSession(this) : null,
        };
        item.IndexTaskNames(claim.ExecutionId, history);
        return item;
    }

    private async Task ConsumeOnlyAsync(OrchestrationWorkItem claim, CancellationToken cancellationToken)
    {
        var commit = new EpisodeCommit { Status = claim.Status, ConsumedMessageIds = [.. claim.Messages.Select(m => m.Id)], Now = DateTime.UtcNow };
        await Store.CommitEpisodesAsync([(claim, commit)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A message delivered more often than allowed keeps crashing its episode: the instance fails with a reason
    /// that names it, and its parent hears of it, instead of the worker retrying it forever.
    /// </summary>
    private async Task FailPoisonedAsync(OrchestrationWorkItem claim, IReadOnlyList<Row> history, OrchestrationMessage poison, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var failure = new FailureDetails(typeof(PoisonMessageException).FullName!,
            $"Instance '{claim.InstanceId}': a {poison.Event.Type} message was delivered {poison.DequeueCount} times without its episode completing; the instance is failed instead of being retried again.");
        Logger.LogError("Instance {InstanceId} failed: {Reason}", claim.InstanceId, failure.ErrorMessage);
        var start = history.FirstOrDefault(e => e.Type == RowType.ExecutionStarted)?.Details
            ?? claim.Messages.FirstOrDefault(m => m.Event.Type == RowType.ExecutionStarted)?.Event.Details;
        var messages = new List<OrchestrationMessage>();
        if (start?.ParentInstanceId is { } parent)
        {
            messages.Add(new OrchestrationMessage
            {
                InstanceId = parent,
                ExecutionId = start.ParentExecutionId,
                VisibleAt = now,
                Event = new Row { Type = RowType.SubOrchestrationFailed, TaskId = start.ParentTaskId ?? -1, Timestamp = now, Failure = failure, Name = failure.ErrorMessage },
            });
        }

        var commit = new EpisodeCommit
        {
            Status = OrchestrationStatus.Failed,
            Failure = failure,
            CompletedAt = now,
            Now = now,
            ConsumedMessageIds = [.. claim.Messages.Select(m => m.Id)],
            NewHistory = [new Row { Type = RowType.ExecutionFailed, Failure = failure, Timestamp = now }],
            FirstSequence = history.Count,
            NewMessages = messages,
        };
        await Store.CommitEpisodesAsync([(claim, commit)], cancellationToken).ConfigureAwait(false);
    }

    internal static TaskMessage ToTaskMessage(OrchestrationMessage message, string currentExecutionId)
    {
        var e = HistoryEventMapper.FromRow(message.Event, played: false);
        var executionId = e is ExecutionStartedEvent started ? started.OrchestrationInstance?.ExecutionId ?? currentExecutionId : message.ExecutionId ?? currentExecutionId;
        return new TaskMessage { Event = e, OrchestrationInstance = new OrchestrationInstance { InstanceId = message.InstanceId, ExecutionId = executionId } };
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        CoreState orchestrationState)
    {
        var item = (SqlOrchestrationWorkItem)workItem;
        var state = newOrchestrationRuntimeState;
        var now = DateTime.UtcNow;
        var executionId = state.OrchestrationInstance?.ExecutionId ?? item.ExecutionId;
        var continued = executionId != item.ExecutionId;
        var status = orchestrationState is null ? item.Status : HistoryEventMapper.ToStatus(orchestrationState.OrchestrationStatus);
        var keepLock = item.IsExtendedSession && !status.IsTerminal() && status != OrchestrationStatus.Suspended;

        var messages = new List<OrchestrationMessage>(timerMessages.Count + orchestratorMessages.Count);
        var children = new List<NewInstance>();
        foreach (var timer in timerMessages)
        {
            var fireAt = timer.Event is TimerFiredEvent fired ? fired.FireAt.ToUniversalTime() : now;
            messages.Add(new OrchestrationMessage { InstanceId = item.InstanceId, ExecutionId = executionId, Event = HistoryEventMapper.ToRow(timer.Event), VisibleAt = fireAt });
        }

        foreach (var message in orchestratorMessages)
        {
            var target = message.OrchestrationInstance;
            if (message.Event is ExecutionStartedEvent start)
            {
                children.Add(new NewInstance
                {
                    InstanceId = target.InstanceId,
                    ExecutionId = string.IsNullOrEmpty(target.ExecutionId) ? Guid.NewGuid().ToString("N") : target.ExecutionId,
                    Name = start.Name,
                    Input = start.Input,
                    ParentInstanceId = item.InstanceId,
                    StartEvent = HistoryEventMapper.ToRow(start),
                    CreatedAt = now,
                    VisibleAt = start.ScheduledStartTime?.ToUniversalTime() ?? now,
                });
            }
            else
            {
                messages.Add(new OrchestrationMessage
                {
                    InstanceId = target.InstanceId,
                    ExecutionId = string.IsNullOrEmpty(target.ExecutionId) ? null : target.ExecutionId,
                    Event = HistoryEventMapper.ToRow(message.Event),
                    VisibleAt = now,
                });
            }
        }

        var tasks = new List<NewTask>(outboundMessages.Count);
        foreach (var message in outboundMessages)
        {
            var scheduled = (TaskScheduledEvent)message.Event;
            tasks.Add(new NewTask(item.InstanceId, executionId, scheduled.EventId, scheduled.Name ?? string.Empty, scheduled.Input));
        }

        item.IndexTaskNames(executionId, continued ? state.Events : state.NewEvents);
        var commit = new EpisodeCommit
        {
            Status = status,
            // On failure DurableTask.Core's output is the plain-text error (the failure column has it): the output
            // column holds JSON only, as v_instances and DurableClient readers expect.
            Output = status == OrchestrationStatus.Failed ? null : orchestrationState?.Output,
            Failure = HistoryEventMapper.ToFailure(orchestrationState?.FailureDetails),
            CustomStatus = orchestrationState?.Status,
            CompletedAt = status.IsTerminal() ? now : null,
            Now = now,
            ConsumedMessageIds = item.MessageIds,
            NewHistory = continued ? [] : [.. HistoryEventMapper.ToRows(state.NewEvents, item.TaskName)],
            FirstSequence = item.HistoryCount,
            NewExecutionId = continued ? executionId : null,
            NewExecutionInput = continued ? state.Input : null,
            NewExecutionHistory = continued ? [.. HistoryEventMapper.ToRows(state.Events, item.TaskName)] : null,
            NewTasks = tasks,
            NewMessages = messages,
            NewInstances = children,
            KeepLockUntil = keepLock ? now + Options.OrchestrationLockTimeout : null,
        };

        var committed = await episodeCommits!.SubmitAsync((item.CurrentClaim, commit)).ConfigureAwait(false);
        if (!committed)
        {
            item.LockHeld = false;
            throw new LockLostException($"Instance '{item.InstanceId}' was taken over by another worker; this episode's work is dropped.");
        }

        item.Episode++;
        item.Status = status;
        item.HistoryCount = continued ? commit.NewExecutionHistory!.Count : item.HistoryCount + commit.NewHistory.Count;
        item.ExecutionId = executionId;
        item.MessageIds = [];
        item.LockHeld = keepLock;

        if (tasks.Count > 0)
        {
            activityWork.Notify();
        }

        if (messages.Count > 0 || children.Count > 0)
        {
            foreach (var target in messages.Select(m => m.InstanceId).Distinct(StringComparer.Ordinal))
            {
                sessions.Notify(target);
            }

            orchestrationWork.Notify();
        }
    }

    /// <summary>The next messages of a session's instance; null ends the session.</summary>
    internal async Task<IList<TaskMessage>?> FetchSessionMessagesAsync(SqlOrchestrationWorkItem item)
    {
        if (!item.LockHeld)
        {
            return null;
        }

        var idleUntil = DateTime.UtcNow + Options.ExtendedSessionIdleTimeout;
        while (!stopping.IsCancellationRequested)
        {
            var wake = sessions.Next(item.InstanceId);
            var messages = await Store.TakeSessionMessagesAsync(item.InstanceId, owner, item.Episode, Options.OrchestrationLockTimeout, stopping.Token).ConfigureAwait(false);
            if (messages is null)
            {
                item.LockHeld = false;
                return null;
            }

            if (messages.Count > 0)
            {
                var current = messages.Where(m => m.ExecutionId is null || m.ExecutionId == item.ExecutionId).ToList();
                item.MessageIds = [.. messages.Select(m => m.Id)];
                if (current.Count == 0 || messages.Any(m => m.DequeueCount > Options.MaxDeliveryCount || m.Event.Type == RowType.ExecutionStarted))
                {
                    // Nothing for this execution, or something the ordinary claim path must look at: hand the
                    // messages back to the store and let the session go.
                    await Store.AbandonOrchestrationAsync(item.CurrentClaim with { Messages = messages }, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                    item.LockHeld = false;
                    item.MessageIds = [];
                    return null;
                }

                item.CompactRuntimeState();
                return [.. current.Select(m => ToTaskMessage(m, item.ExecutionId))];
            }

            var left = idleUntil - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                sessions.Forget(item.InstanceId);
                return null;
            }

            await InstanceSignals.WaitAsync(wake, left < Options.MaxPollInterval ? left : Options.MaxPollInterval, stopping.Token).ConfigureAwait(false);
        }

        return null;
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqlOrchestrationWorkItem)workItem;
        if (item.LockHeld)
        {
            // The messages come back after a pause that grows with their deliveries, so a crashing episode does not spin.
            var deliveries = item.Claim.Messages.Count == 0 ? 1 : item.Claim.Messages.Max(m => m.DequeueCount);
            await Store.AbandonOrchestrationAsync(item.CurrentClaim, TimeSpan.FromSeconds(Math.Min(30, deliveries)), CancellationToken.None).ConfigureAwait(false);
            item.LockHeld = false;
        }
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqlOrchestrationWorkItem)workItem;
        Interlocked.Decrement(ref orchestrationsOut);
        if (item.LockHeld)
        {
            item.LockHeld = false;
            await Store.ReleaseOrchestrationLockAsync(item.InstanceId, owner, CancellationToken.None).ConfigureAwait(false);

            // Messages that came after the session's last look are still waiting: let the claim loop see them now.
            orchestrationWork.Notify();
        }
    }

    // ------------------------------------------------------------------ activities

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + receiveTimeout;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        while (!linked.IsCancellationRequested)
        {
            if (claimedActivities.TryDequeue(out var ready))
            {
                if (ready.LockedUntilUtc - DateTime.UtcNow < Options.ActivityLeaseTimeout / 2)
                {
                    // It waited here for a slot long enough for its lease to run low: renew it, or leave it to the
                    // worker that took it over.
                    var kept = await Store.RenewActivityLeasesAsync(owner, [ready.Lease.Id], Options.ActivityLeaseTimeout, linked.Token).ConfigureAwait(false);
                    if (kept.Count == 0)
                    {
                        continue;
                    }

                    ready.LockedUntilUtc = DateTime.UtcNow + Options.ActivityLeaseTimeout;
                }

                Interlocked.Increment(ref activitiesOut);
                _ = KeepLeaseAsync(ready);
                return ready;
            }

            var wake = activityWork.Next;
            if (await ClaimActivitiesAsync(linked.Token).ConfigureAwait(false))
            {
                continue;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            await InstanceSignals.WaitAsync(wake, left < Options.MaxPollInterval ? left : Options.MaxPollInterval, linked.Token).ConfigureAwait(false);
        }

        return null!;
    }

    private async Task<bool> ClaimActivitiesAsync(CancellationToken cancellationToken)
    {
        await activityClaimGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!claimedActivities.IsEmpty)
            {
                return true;
            }

            // As for instances: a claim takes up to a full set of slots, not only the one that just freed.
            var free = Math.Min(500, 2 * Options.MaxConcurrentActivities - Volatile.Read(ref activitiesOut));
            if (free <= 0)
            {
                return false;
            }

            var leases = await Store.LockNextActivitiesAsync(owner, Options.ActivityLeaseTimeout, free, cancellationToken).ConfigureAwait(false);
            var until = DateTime.UtcNow + Options.ActivityLeaseTimeout;
            var any = false;
            foreach (var lease in leases)
            {
                var instance = new OrchestrationInstance { InstanceId = lease.InstanceId, ExecutionId = lease.ExecutionId };
                if (lease.DequeueCount > Options.MaxDeliveryCount)
                {
                    // A task that keeps killing its worker: fail it with the reason instead of running it again.
                    var reason = $"Activity '{lease.Name}' (task {lease.TaskId} of instance '{lease.InstanceId}') was delivered {lease.DequeueCount} times without completing.";
                    Logger.LogError("{Reason}", reason);
                    var failed = new TaskFailedEvent(-1, lease.TaskId, reason, null,
                        new DurableTask.Core.FailureDetails(typeof(PoisonMessageException).FullName!, reason, null, null, true));
                    _ = CompleteActivityAsync(lease.Id, new TaskMessage { Event = failed, OrchestrationInstance = instance });
                    continue;
                }

                claimedActivities.Enqueue(new SqlActivityWorkItem(lease)
                {
                    Id = lease.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    LockedUntilUtc = until,
                    TaskMessage = new TaskMessage
                    {
                        Event = new TaskScheduledEvent(lease.TaskId, lease.Name, string.Empty, lease.Input),
                        OrchestrationInstance = instance,
                    },
                });
                any = true;
            }

            return any || leases.Count > 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            activityClaimGate.Release();
        }
    }

    /// <summary>
    /// Renews the lease of a running activity every third of <see cref="WorkerOptions.ActivityLeaseTimeout"/>.
    /// DurableTask.Core's own renewal looks only every 5 s and first renews 30 s before expiry, so a lease shorter than
    /// about 5 s (the crash tests use 2 s) ran out under a running activity, and a second claim ran it again at once.
    /// </summary>
    private async Task KeepLeaseAsync(SqlActivityWorkItem item)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(item.Held.Token, stopping.Token);
        var token = linked.Token;
        try
        {
            while (true)
            {
                await Task.Delay(Options.ActivityLeaseTimeout / 3, token).ConfigureAwait(false);
                var kept = await Store.RenewActivityLeasesAsync(owner, [item.Lease.Id], Options.ActivityLeaseTimeout, token).ConfigureAwait(false);
                if (kept.Count == 0)
                {
                    return;
                }

                item.LockedUntilUtc = DateTime.UtcNow + Options.ActivityLeaseTimeout;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Completed, abandoned, or the worker stops: the lease is no longer this worker's to keep.
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            Logger.LogWarning(e, "Could not renew the lease of activity {Name} (task {TaskId} of {InstanceId}); it may run again elsewhere when the lease expires.",
                item.Lease.Name, item.Lease.TaskId, item.Lease.InstanceId);
        }
    }

    public async Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        var item = (SqlActivityWorkItem)workItem;
        var kept = await Store.RenewActivityLeasesAsync(owner, [item.Lease.Id], Options.ActivityLeaseTimeout, CancellationToken.None).ConfigureAwait(false);
        if (kept.Count == 0)
        {
            Logger.LogWarning("Lost the lease of activity {Name} (task {TaskId} of {InstanceId}); another worker may run it too, the first result wins.",
                item.Lease.Name, item.Lease.TaskId, item.Lease.InstanceId);
        }

        item.LockedUntilUtc = DateTime.UtcNow + Options.ActivityLeaseTimeout;
        return item;
    }

    /// <remarks>
    /// The slot is free as soon as the result is handed to the group commit: holding it until the commit would
    /// bound activity throughput by slots ÷ commit latency. Nothing is lost if the process dies first: the task row
    /// is still leased, the lease expires, and the activity runs again (activities are delivered at least once).
    /// </remarks>
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var item = (SqlActivityWorkItem)workItem;
        Interlocked.Decrement(ref activitiesOut);
        item.Held.Cancel();
        _ = CompleteActivityAsync(item.Lease.Id, responseMessage).ContinueWith(
            t => Logger.LogWarning(t.Exception, "The result of activity {Name} (task {TaskId} of {InstanceId}) was not stored; it runs again when its lease expires.",
                item.Lease.Name, item.Lease.TaskId, item.Lease.InstanceId),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        activityWork.Notify();
        return Task.CompletedTask;
    }

    private async Task CompleteActivityAsync(long taskRowId, TaskMessage response)
    {
        var target = response.OrchestrationInstance;
        var message = new OrchestrationMessage
        {
            InstanceId = target.InstanceId,
            ExecutionId = string.IsNullOrEmpty(target.ExecutionId) ? null : target.ExecutionId,
            Event = HistoryEventMapper.ToRow(response.Event),
            VisibleAt = DateTime.UtcNow,
        };
        await activityCompletions!.SubmitAsync(new ActivityCompletion(taskRowId, message)).ConfigureAwait(false);
        sessions.Notify(target.InstanceId);
        orchestrationWork.Notify();
    }

    private async Task<IReadOnlyList<int>> CompleteActivitiesAsync(IReadOnlyList<ActivityCompletion> batch)
    {
        var fresh = await Store.CompleteActivitiesAsync(batch, CancellationToken.None).ConfigureAwait(false);
        return [.. batch.Select(_ => fresh)];
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var item = (SqlActivityWorkItem)workItem;
        Interlocked.Decrement(ref activitiesOut);
        await item.Held.CancelAsync().ConfigureAwait(false);
        await Store.AbandonActivityAsync(item.Lease, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        activityWork.Notify();
    }
}
