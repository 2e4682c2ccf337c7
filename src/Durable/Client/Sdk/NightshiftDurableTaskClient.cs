using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nightshift.Durable.Runtime;

namespace Nightshift.Durable.Client.Sdk;

using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeInstanceFilter = DurableTask.Core.PurgeInstanceFilter;
using CoreState = DurableTask.Core.OrchestrationState;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using HistoryEvent = DurableTask.Core.History.HistoryEvent;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over the Nightshift backend. Every operation is a write or a read of the
/// store, so the client needs no worker in its process.
/// </summary>
internal sealed class NightshiftDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    // A new instance id may take over one of these only after it has been terminated.
    private static readonly CoreStatus[] RunningStatuses = [CoreStatus.Running, CoreStatus.Pending, CoreStatus.Suspended];

    private readonly SqlOrchestrationService service;
    private readonly DataConverter converter;
    private readonly Lock readyLock = new();
    private Task? ready;

    public NightshiftDurableTaskClient(SqlOrchestrationService service, DataConverter converter)
        : base("nightshift")
    {
        this.service = service;
        this.converter = converter;
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name, nameof(orchestratorName));
        cancellation.ThrowIfCancellationRequested();
        await ReadyAsync().ConfigureAwait(false);

        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var dedupeStatuses = DedupeStatuses(options?.DedupeStatuses);
        await TerminateReusableAsync(instance.InstanceId, dedupeStatuses, cancellation).ConfigureAwait(false);

        var started = new ExecutionStartedEvent(-1, converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags is { } tags ? new Dictionary<string, string>(tags) : null,
        };
        await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupeStatuses ?? [])
            .ConfigureAwait(false);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        await ReadyAsync().ConfigureAwait(false);
        await service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output)!).ConfigureAwait(false);
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var state = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
        return state?.ToMetadata(converter, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
        => Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            await ReadyAsync().ConfigureAwait(false);
            var query = new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCore()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await service.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            var page = result.OrchestrationState.Select(s => s.ToMetadata(converter, query.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(page, result.ContinuationToken);
        });

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation)
            .ConfigureAwait(false);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await PollAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation).ConfigureAwait(false);
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var state = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
        if (state is null)
        {
            return new PurgeResult(0);
        }

        if (!IsTerminal(state.OrchestrationStatus))
        {
            throw new InvalidOperationException(
                $"Only orchestrations in a terminal state can be purged; instance '{instanceId}' is {state.OrchestrationStatus}.");
        }

        cancellation.ThrowIfCancellationRequested();
        var result = await service.PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        await ReadyAsync().ConfigureAwait(false);
        var coreFilter = new CorePurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(s => s.ToCore()).ToList())
        {
            Timeout = filter.Timeout,
        };
        var result = await service.PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    /// <summary>Restarts a failed instance from its point of failure: recorded successes are kept, what failed runs again.</summary>
    public override async Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await ReadyAsync().ConfigureAwait(false);
        await service.RewindAsync(instanceId, reason, cancellation).ConfigureAwait(false);
    }

    /// <summary>Starts the instance's orchestration again with the same input, under the same or a new instance id.</summary>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        var state = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"An orchestration with the instance id '{instanceId}' was not found.", nameof(instanceId));

        if (!restartWithNewInstanceId && !IsTerminal(state.OrchestrationStatus))
        {
            await TerminateAndWaitAsync(instanceId, $"Instance '{instanceId}' is restarted.", cancellation).ConfigureAwait(false);
        }

        var instance = new OrchestrationInstance
        {
            InstanceId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId,
            ExecutionId = Guid.NewGuid().ToString("N"),
        };

        // The recorded input is already serialised; it is passed on as it is, not serialised a second time.
        var started = new ExecutionStartedEvent(-1, state.Input)
        {
            Name = state.Name,
            Version = state.Version ?? string.Empty,
            OrchestrationInstance = instance,
            Tags = state.Tags,
        };
        await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, []).ConfigureAwait(false);
        return instance.InstanceId;
    }

    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await ReadyAsync().ConfigureAwait(false);
        var events = await service.GetHistoryEventsAsync(instanceId, cancellation).ConfigureAwait(false);
        if (events.Count == 0 && await GetStateAsync(instanceId, cancellation).ConfigureAwait(false) is null)
        {
            throw new ArgumentException($"An orchestration with the instance id '{instanceId}' was not found.", nameof(instanceId));
        }

        return [.. events];
    }

    public override ValueTask DisposeAsync() => default;

    private static bool IsTerminal(CoreStatus status)
        => status is CoreStatus.Completed or CoreStatus.Failed or CoreStatus.Terminated or CoreStatus.Canceled;

    private static CoreStatus[]? DedupeStatuses(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return null;
        }

        return [.. names.Select(name => Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status)
            ? status.ToCore()
            : throw new ArgumentException($"'{name}' is not an orchestration status; it cannot be a dedupe status.", nameof(names)))];
    }

    /// <summary>
    /// Creates the schema once: a client may run without a worker (a launcher that only enqueues). A failed attempt (the
    /// database was down) is not remembered, so the next call tries again.
    /// </summary>
    private Task ReadyAsync()
    {
        lock (readyLock)
        {
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
            {
                ready = service.CreateIfNotExistsAsync();
            }

            return ready;
        }
    }

    private async Task<CoreState?> GetStateAsync(string instanceId, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        await ReadyAsync().ConfigureAwait(false);
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false).ConfigureAwait(false);
        return states is { Count: > 0 } ? states[0] : null;
    }

    private async Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        await ReadyAsync().ConfigureAwait(false);
        await service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = message })
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Polls the store until <paramref name="done"/> holds, backing off from <see cref="FirstPoll"/> to
    /// <see cref="LongestPoll"/>. An instance not (yet) in the store is waited for too: a start may still be committing.
    /// </summary>
    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var delay = FirstPoll;
        while (true)
        {
            var state = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
            if (state?.ToMetadata(converter, getInputsAndOutputs) is { } metadata && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, delay.Ticks * 2));
        }
    }

    /// <summary>
    /// The SDK's id-reuse rule: an existing instance whose status is listed in <paramref name="dedupeStatuses"/> blocks
    /// the start; a running one that is not listed is terminated first, so the new start can take its id.
    /// </summary>
    private async Task TerminateReusableAsync(string instanceId, CoreStatus[]? dedupeStatuses, CancellationToken cancellation)
    {
        if (dedupeStatuses is not null && dedupeStatuses.Contains(CoreStatus.Terminated) && RunningStatuses.Any(s => !dedupeStatuses.Contains(s)))
        {
            throw new ArgumentException(
                "The dedupe statuses include Terminated but not every running status: a running instance would be terminated and then block its own replacement.");
        }

        if (dedupeStatuses is not null && RunningStatuses.All(dedupeStatuses.Contains))
        {
            // Running instances block reuse; the backend's dedupe check says so.
            return;
        }

        var existing = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
        if (existing is null)
        {
            return;
        }

        if (dedupeStatuses?.Contains(existing.OrchestrationStatus) == true)
        {
            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with instance id '{instanceId}' and status {existing.OrchestrationStatus} already exists.");
        }

        if (RunningStatuses.Contains(existing.OrchestrationStatus))
        {
            await TerminateAndWaitAsync(
                instanceId,
                $"A new instance was started with the id '{instanceId}', whose dedupe statuses allow replacing a {existing.OrchestrationStatus} instance.",
                cancellation).ConfigureAwait(false);
        }
    }

    private async Task TerminateAndWaitAsync(string instanceId, string reason, CancellationToken cancellation)
    {
        await service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(reason)!).ConfigureAwait(false);
        await PollAsync(instanceId, getInputsAndOutputs: false, m => m.IsCompleted, cancellation).ConfigureAwait(false);
    }
}
