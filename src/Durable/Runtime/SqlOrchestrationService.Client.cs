using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using DurableTask.Core.Serializing;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Runtime;

namespace Nightshift.Durable.Runtime;

using CoreEvent = DurableTask.Core.History.HistoryEvent;
using CoreState = DurableTask.Core.OrchestrationState;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using Row = Nightshift.Durable.Storage.HistoryEvent;
using RowType = Nightshift.Durable.Storage.EventType;

/// <summary>The client side: starts, messages, queries, purges and restarts, all through the store.</summary>
internal sealed partial class SqlOrchestrationService
{

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, []);

    /// <remarks>
    /// DurableTask.Core names the states of an existing instance that refuse the start. The store can replace only
    /// a finished instance, so a start that would replace a live one is refused as well.
    /// </remarks>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, CoreStatus[] dedupeStatuses)
    {
        var start = creationMessage.Event as ExecutionStartedEvent
            ?? throw new ArgumentException("A creation message carries an ExecutionStartedEvent.", nameof(creationMessage));
        var instance = creationMessage.OrchestrationInstance;
        var now = DateTime.UtcNow;
        var terminal = new[] { CoreStatus.Completed, CoreStatus.Failed, CoreStatus.Terminated, CoreStatus.Canceled };
        var policy = dedupeStatuses is not null && dedupeStatuses.Any(terminal.Contains) ? InstanceIdReusePolicy.Throw : InstanceIdReusePolicy.ReplaceIfTerminal;
        var executionId = string.IsNullOrEmpty(instance.ExecutionId) ? Guid.NewGuid().ToString("N") : instance.ExecutionId;
        start.OrchestrationInstance ??= new OrchestrationInstance { InstanceId = instance.InstanceId, ExecutionId = executionId };
        start.OrchestrationInstance.ExecutionId ??= executionId;
        var start2 = new NewInstance
        {
            InstanceId = instance.InstanceId,
            ExecutionId = executionId,
            Name = start.Name,
            Input = start.Input,
            StartEvent = HistoryEventMapper.ToRow(start),
            CreatedAt = now,
            VisibleAt = start.ScheduledStartTime?.ToUniversalTime() ?? now,
        };
        try
        {
            // Starts that come together (a production launching its runs) share one transaction.
            await starts.SubmitAsync((start2, policy)).ConfigureAwait(false);
        }
        catch (InstanceAlreadyExistsException e)
        {
            throw new OrchestrationAlreadyExistsException(e.Message);
        }

        orchestrationWork.Notify();
    }

    /// <summary>Starts an instance with Nightshift's id-reuse policy (the launcher's and DurableClient's start); returns the id used.</summary>
    internal async Task<string> StartInstanceAsync(string instanceId, string name, string? input, DateTime? startAt, InstanceIdReusePolicy policy)
    {
        var now = DateTime.UtcNow;
        var executionId = Guid.NewGuid().ToString("N");
        var start = new ExecutionStartedEvent(-1, input)
        {
            Name = name,
            Version = string.Empty,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = executionId },
            ScheduledStartTime = startAt?.ToUniversalTime(),
            Timestamp = now,
        };
        var id = await starts.SubmitAsync((new NewInstance
            {
                InstanceId = instanceId,
                ExecutionId = executionId,
                Name = name,
                Input = input,
                StartEvent = HistoryEventMapper.ToRow(start),
                CreatedAt = now,
                VisibleAt = start.ScheduledStartTime ?? now,
            }, policy)).ConfigureAwait(false);
        orchestrationWork.Notify();
        return id;
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        var now = DateTime.UtcNow;
        var rows = messages.Select(m => new OrchestrationMessage
        {
            InstanceId = m.OrchestrationInstance.InstanceId,
            ExecutionId = string.IsNullOrEmpty(m.OrchestrationInstance.ExecutionId) ? null : m.OrchestrationInstance.ExecutionId,
            Event = HistoryEventMapper.ToRow(m.Event) with { Timestamp = now },
            VisibleAt = now,
        }).ToList();
        await Store.EnqueueAsync(rows, CancellationToken.None).ConfigureAwait(false);
        foreach (var id in rows.Select(r => r.InstanceId).Distinct(StringComparer.Ordinal))
        {
            sessions.Notify(id);
        }

        orchestrationWork.Notify();
    }

    public async Task<CoreState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var state = await Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (state is not null && state.Status.IsTerminal() && (string.IsNullOrEmpty(executionId) || state.ExecutionId == executionId))
            {
                return ToCoreState(state);
            }

            if (DateTime.UtcNow + delay > deadline)
            {
                return null!;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 1.5));
        }
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason)
        => SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            Event = new ExecutionTerminatedEvent(-1, reason),
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
        });

    public async Task<IList<CoreState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        var state = await Store.GetInstanceAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
        return state is null ? [] : [ToCoreState(state)];
    }

    public async Task<CoreState> GetOrchestrationStateAsync(string instanceId, string executionId)
    {
        var state = await Store.GetInstanceAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
        return state is null || (!string.IsNullOrEmpty(executionId) && state.ExecutionId != executionId) ? null! : ToCoreState(state);
    }

    public async Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId)
    {
        var events = await GetHistoryEventsAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
        return JsonDataConverter.Default.Serialize(events);
    }

    public async Task<IReadOnlyList<CoreEvent>> GetHistoryEventsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);
        var rows = await Store.LoadHistoryAsync(instanceId, state.ExecutionId, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => HistoryEventMapper.FromRow(r, played: true))];
    }

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
        => PurgeAsync(timeRangeFilterType == OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter
            ? new PurgeFilter { CreatedTo = thresholdDateTimeUtc }
            : new PurgeFilter { CompletedBefore = thresholdDateTimeUtc });

    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
        => new(await Store.PurgeInstanceAsync(instanceId, CancellationToken.None).ConfigureAwait(false) ? 1 : 0);

    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
        => new(await PurgeAsync(new PurgeFilter
        {
            CreatedFrom = purgeInstanceFilter.CreatedTimeFrom,
            CreatedTo = purgeInstanceFilter.CreatedTimeTo,
            Statuses = purgeInstanceFilter.RuntimeStatus?.Select(HistoryEventMapper.ToStatus).ToList(),
        }).ConfigureAwait(false));

    /// <summary>Purges in batches, each its own transaction, so a large purge never holds the store for long.</summary>
    private async Task<int> PurgeAsync(PurgeFilter filter)
    {
        var total = 0;
        while (true)
        {
            var deleted = await Store.PurgeBatchAsync(filter, CancellationToken.None).ConfigureAwait(false);
            total += deleted;
            if (deleted < filter.BatchSize)
            {
                return total;
            }
        }
    }

    public async Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var page = await Store.QueryInstancesAsync(new InstanceQuery
        {
            Statuses = query.RuntimeStatus?.Select(HistoryEventMapper.ToStatus).Distinct().ToList(),
            CreatedFrom = query.CreatedTimeFrom,
            CreatedTo = query.CreatedTimeTo,
            InstanceIdPrefix = query.InstanceIdPrefix,
            PageSize = query.PageSize,
            ContinuationToken = query.ContinuationToken,
        }, cancellationToken).ConfigureAwait(false);
        var states = page.Instances.Select(s =>
        {
            var state = ToCoreState(s);
            if (!query.FetchInputsAndOutputs)
            {
                state.Input = null;
                state.Output = null;
            }

            return state;
        }).ToList();
        return new OrchestrationQueryResult(states, page.ContinuationToken);
    }

    /// <summary>
    /// Restarts a failed instance from its point of failure: the failed activities and sub-orchestrations run again,
    /// every recorded success is kept (DTFx's rewind is the model). Failed children are rewound with it.
    /// </summary>
    /// <remarks>
    /// The failed execution's history loses its failures (TaskFailed, SubOrchestrationFailed) and its ending;
    /// each failed activity is queued again under its original task id, so the replay finds it still pending and
    /// the new result completes it. The parent is rewound before its children, so a child's reply finds it running.
    /// </remarks>
    public async Task RewindAsync(string instanceId, string? reason, CancellationToken cancellationToken)
    {
        var state = await Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);
        if (state.Status != OrchestrationStatus.Failed)
        {
            throw new NightshiftException($"Instance '{instanceId}' is {state.Status}; only a failed instance can be restarted.");
        }

        var rows = await Store.LoadHistoryAsync(instanceId, state.ExecutionId, cancellationToken).ConfigureAwait(false);
        var failedTasks = rows.Where(r => r.Type == RowType.TaskFailed).Select(r => r.TaskId).ToHashSet();
        var failedChildren = rows.Where(r => r.Type == RowType.SubOrchestrationFailed).Select(r => r.TaskId).ToHashSet();
        var kept = new List<Row>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Type is RowType.TaskFailed or RowType.SubOrchestrationFailed or RowType.ExecutionFailed or RowType.ExecutionCompleted)
            {
                continue;
            }

            kept.Add(row);
        }

        var tasks = rows
            .Where(r => r.Type == RowType.TaskScheduled && failedTasks.Contains(r.TaskId))
            .Select(r => new NewTask(instanceId, state.ExecutionId, r.TaskId, r.Name ?? string.Empty, r.Payload))
            .ToList();
        var children = rows
            .Where(r => r.Type == RowType.SubOrchestrationCreated && failedChildren.Contains(r.TaskId) && r.Details?.InstanceId is not null)
            .Select(r => r.Details!.InstanceId!)
            .ToList();

        // A failure in the orchestrator's own code has no task to run again: a no-op event makes it replay, which
        // after a fix of the code runs on from where it failed.
        var now = DateTime.UtcNow;
        var wake = new OrchestrationMessage
        {
            InstanceId = instanceId,
            ExecutionId = state.ExecutionId,
            VisibleAt = now,
            Event = new Row { Type = RowType.GenericEvent, Payload = HistoryEventMapper.AsJsonText(reason is null ? "rewind" : $"rewind: {reason}"), Timestamp = now, Details = new EventDetails { EventId = -1 } },
        };
        await Store.RewindHistoryAsync(instanceId, state.ExecutionId, kept, tasks, wake, now, cancellationToken).ConfigureAwait(false);

        foreach (var child in children)
        {
            var childState = await Store.GetInstanceAsync(child, cancellationToken).ConfigureAwait(false);
            if (childState?.Status == OrchestrationStatus.Failed)
            {
                await RewindAsync(child, reason, cancellationToken).ConfigureAwait(false);
            }
        }

        activityWork.Notify();
        orchestrationWork.Notify();
    }

    internal static CoreState ToCoreState(OrchestrationState state) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = state.InstanceId, ExecutionId = state.ExecutionId },
        Name = state.Name,
        Version = string.Empty,
        Input = state.Input,
        Output = state.Output,
        Status = state.CustomStatus,
        OrchestrationStatus = HistoryEventMapper.ToCoreStatus(state.Status),
        FailureDetails = HistoryEventMapper.ToCoreFailure(state.Failure),
        CreatedTime = state.CreatedAt,
        LastUpdatedTime = state.UpdatedAt,
        CompletedTime = state.CompletedAt ?? DateTime.MinValue,
        ParentInstance = state.ParentInstanceId is null ? null : new ParentInstance { OrchestrationInstance = new OrchestrationInstance { InstanceId = state.ParentInstanceId } },
    };
}
