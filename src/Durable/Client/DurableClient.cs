using Nightshift.Durable.Runtime;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable;

/// <summary>
/// Starts, steers and reads orchestration instances. Every operation is a write or a read of the store,
/// so a client needs no worker: it may run in another process or on another machine.
/// </summary>
public sealed class DurableClient
{
    private readonly IDurableStore store;
    private readonly TimeProvider time;

    // Starts and messages go through the DurableTask.Core backend, which batches starts and wakes local workers.
    private readonly SqlOrchestrationService runtime;

    internal DurableClient(IDurableStore store, TimeProvider time, SqlOrchestrationService runtime)
    {
        this.store = store;
        this.time = time;
        this.runtime = runtime;
    }

    /// <summary>The store this client talks to, as an operator would name it.</summary>
    public string StoreDescription => store.Description;

    /// <summary>Starts an orchestration and returns its instance id.</summary>
    public async Task<string> StartAsync(string name, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= new StartOrchestrationOptions();
        cancellationToken.ThrowIfCancellationRequested();
        return await runtime.StartInstanceAsync(options.InstanceId ?? Guid.NewGuid().ToString("N"), name, DurableJson.Serialize(input), options.StartAt, options.IdReusePolicy)
            .ConfigureAwait(false);
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
    /// Restarts a failed instance from its point of failure (DurableTask.Core's rewind is the model): the failed
    /// activities and sub-orchestrations run again; every recorded success is kept.
    /// </summary>
    public Task RestartAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
        => runtime.RewindAsync(instanceId, reason, cancellationToken);

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
        {
            // DurableTask.Core carries an operator's reason as the event's payload: a termination's becomes the output.
            var reason = historyEvent.Details?.Reason;
            var row = historyEvent.Type switch
            {
                EventType.ExecutionTerminated => historyEvent with { Payload = DurableJson.Serialize(reason), Details = null },
                EventType.ExecutionSuspended or EventType.ExecutionResumed => historyEvent with { Payload = HistoryEventMapper.AsJsonText(reason), Details = null },
                _ => historyEvent,
            };
            await runtime.SendTaskOrchestrationMessageAsync(SqlOrchestrationService.ToTaskMessage(message with { Event = row with { Timestamp = now } }, string.Empty)).ConfigureAwait(false);
        }
    }
}
