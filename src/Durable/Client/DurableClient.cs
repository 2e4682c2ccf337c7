using Nightshift.Durable.Engine;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Worker;

namespace Nightshift.Durable;

/// <summary>
/// Starts, steers and reads orchestration instances. Every operation is a write or a read of the store,
/// so a client needs no worker: it may run in another process or on another machine.
/// </summary>
public sealed class DurableClient
{
    private readonly IDurableStore store;
    private readonly WorkSignal signal;
    private readonly TimeProvider time;

    // Starts issued concurrently (a production launching hundreds of runs) share transactions.
    private readonly WriteBatcher<(NewInstance Instance, InstanceIdReusePolicy Policy), string> starts;

    // The DurableTask.Core backend, when this process uses that runtime: starts and messages then go through it.
    private readonly Runtime.SqlOrchestrationService? runtime;

    internal DurableClient(IDurableStore store, WorkSignal signal, TimeProvider time, Runtime.SqlOrchestrationService? runtime = null)
    {
        this.runtime = runtime;
        this.store = store;
        this.signal = signal;
        this.time = time;
        starts = new WriteBatcher<(NewInstance, InstanceIdReusePolicy), string>(
            batch => store.CreateInstancesAsync(batch, CancellationToken.None), 200);
    }

    /// <summary>The store this client talks to, as an operator would name it.</summary>
    public string StoreDescription => store.Description;

    /// <summary>Starts an orchestration and returns its instance id.</summary>
    public async Task<string> StartAsync(string name, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= new StartOrchestrationOptions();
        var now = time.GetUtcNow().UtcDateTime;
        var instanceId = options.InstanceId ?? Guid.NewGuid().ToString("N");
        var executionId = Guid.NewGuid().ToString("N");
        var payload = DurableJson.Serialize(input);
        var instance = new NewInstance
        {
            InstanceId = instanceId,
            ExecutionId = executionId,
            Name = name,
            Input = payload,
            CreatedAt = now,
            VisibleAt = options.StartAt ?? now,
            StartEvent = new HistoryEvent
            {
                Type = EventType.ExecutionStarted,
                Name = name,
                Payload = payload,
                Timestamp = now,
                Details = new EventDetails { ExecutionId = executionId },
            },
        };
        cancellationToken.ThrowIfCancellationRequested();
        if (runtime is not null)
        {
            return await runtime.StartInstanceAsync(instanceId, name, payload, options.StartAt, options.IdReusePolicy).ConfigureAwait(false);
        }

        var id = await starts.SubmitAsync((instance, options.IdReusePolicy)).ConfigureAwait(false);
        signal.Notify();
        return id;
    }

    /// <summary>Raises an event on an instance; it is kept until the orchestration waits for it.</summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new HistoryEvent { Type = EventType.EventRaised, Name = eventName, Payload = DurableJson.Serialize(payload) }, cancellationToken);
    }

    /// <summary>Stops an instance; with <paramref name="recursive"/>, its sub-orchestrations too.</summary>
    public async Task TerminateAsync(string instanceId, string? reason = null, bool recursive = false, CancellationToken cancellationToken = default)
    {
        await SendAsync(instanceId, new HistoryEvent { Type = EventType.ExecutionTerminated, Details = new EventDetails { Reason = reason } }, cancellationToken).ConfigureAwait(false);
        if (!recursive)
        {
            return;
        }

        foreach (var child in await store.GetChildInstanceIdsAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            var state = await store.GetInstanceAsync(child, cancellationToken).ConfigureAwait(false);
            if (state is not null && !state.Status.IsTerminal())
            {
                await TerminateAsync(child, reason, recursive: true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Pauses an instance: messages wait until it is resumed.</summary>
    public Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
        => SendAsync(instanceId, new HistoryEvent { Type = EventType.ExecutionSuspended, Details = new EventDetails { Reason = reason } }, cancellationToken);

    /// <summary>Resumes a suspended instance.</summary>
    public Task ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
        => SendAsync(instanceId, new HistoryEvent { Type = EventType.ExecutionResumed, Details = new EventDetails { Reason = reason } }, cancellationToken);

    /// <summary>
    /// Restarts a failed instance from its point of failure: a new execution replays the orchestration and
    /// reuses the result of every activity, timer and sub-orchestration that succeeded; only what failed runs again.
    /// </summary>
    public async Task RestartAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (runtime is not null)
        {
            await runtime.RewindAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
            return;
        }

        await store.RewindAsync(instanceId, Guid.NewGuid().ToString("N"), reason, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        signal.Notify();
    }

    /// <summary>Deletes a finished instance with its history; false when it is missing or not finished.</summary>
    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
        => store.PurgeInstanceAsync(instanceId, cancellationToken);

    /// <summary>Deletes every finished instance that matches, in batches; returns how many were deleted.</summary>
    public async Task<int> PurgeAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var total = 0;
        while (true)
        {
            var deleted = await store.PurgeBatchAsync(filter, cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < filter.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>The instance row, or null.</summary>
    public Task<OrchestrationState?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
        => store.GetInstanceAsync(instanceId, cancellationToken);

    /// <summary>One page of instances, newest first.</summary>
    public Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
        => store.QueryInstancesAsync(query, cancellationToken);

    /// <summary>The history of every execution of an instance, in order.</summary>
    public Task<IReadOnlyList<HistoryEventRecord>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
        => store.GetHistoryAsync(instanceId, cancellationToken);

    /// <summary>Waits until the instance is Completed, Failed or Terminated, and returns its final row.</summary>
    /// <exception cref="InstanceNotFoundException">The instance does not exist.</exception>
    public async Task<OrchestrationState> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var state = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException(instanceId);
            if (state.Status.IsTerminal())
            {
                return state;
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    private async Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OrchestrationMessage { InstanceId = instanceId, Event = historyEvent with { Timestamp = now }, VisibleAt = now };
        if (runtime is not null)
        {
            // DurableTask.Core carries an operator's reason as the event's payload: a termination's becomes the output.
            var reason = historyEvent.Details?.Reason;
            var row = historyEvent.Type switch
            {
                EventType.ExecutionTerminated => historyEvent with { Payload = DurableJson.Serialize(reason), Details = null },
                EventType.ExecutionSuspended or EventType.ExecutionResumed => historyEvent with { Payload = reason, Details = null },
                _ => historyEvent,
            };
            await runtime.SendTaskOrchestrationMessageAsync(Runtime.SqlOrchestrationService.ToTaskMessage(message with { Event = row with { Timestamp = now } }, string.Empty)).ConfigureAwait(false);
            return;
        }

        await store.EnqueueAsync([message], cancellationToken).ConfigureAwait(false);
        signal.Notify();
    }
}
