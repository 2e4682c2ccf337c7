using Microsoft.Extensions.Logging;

namespace Nightshift.Durable.Engine;

/// <summary>The context handed to orchestration code; every call becomes an action of its executor.</summary>
internal sealed class OrchestrationContextImpl(OrchestrationExecutor executor, ILogger logger) : OrchestrationContext
{
    public override string InstanceId => executor.InstanceId;

    public override string ExecutionId => executor.ExecutionId;

    public override string Name => executor.Name;

    public override string? ParentInstanceId => executor.ParentInstanceId;

    public override DateTime CurrentUtcDateTime => executor.CurrentUtcDateTime;

    public override bool IsReplaying => executor.IsReplaying;

    public override ILogger Logger => logger;

    public override Guid NewGuid()
        => DeterministicGuid.Create($"{InstanceId}/{ExecutionId}/{executor.GuidCounter++}");

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var id = executor.NextActionId();
        var action = new OrchestrationAction(id, EventType.TaskScheduled, name, DurableJson.Serialize(input));
        var result = executor.Schedule(action, e => e.Type == EventType.TaskFailed
            ? new TaskFailedException(name, id, e.Failure ?? Unknown)
            : null);
        return ReadAsync<TResult>(result);
    }

    public override Task<TResult> CallSubOrchestrationAsync<TResult>(string name, object? input = null, string? instanceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var id = executor.NextActionId();
        var childId = instanceId ?? $"{InstanceId}:{id}";
        var action = new OrchestrationAction(id, EventType.SubOrchestrationCreated, name, DurableJson.Serialize(input))
        {
            InstanceId = childId,
        };
        var result = executor.Schedule(action, e => e.Type == EventType.SubOrchestrationFailed
            ? new SubOrchestrationFailedException(name, childId, id, e.Failure ?? Unknown)
            : null);
        return ReadAsync<TResult>(result);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default)
    {
        var id = executor.NextActionId();
        var fireAtUtc = DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var action = new OrchestrationAction(id, EventType.TimerCreated, null, null) { FireAt = fireAtUtc };
        var fired = executor.Schedule(action, null);
        if (!cancellationToken.CanBeCanceled)
        {
            return fired;
        }

        // A cancelled timer is still recorded and still fires; only the wait on it ends early.
        var wait = new TaskCompletionSource();
        fired.ContinueWith(_ => wait.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current);
        cancellationToken.Register(() => wait.TrySetCanceled(cancellationToken));
        return wait.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string name)
    {
        if (executor.TryTakeBufferedEvent(name, out var payload))
        {
            return Task.FromResult(DurableJson.Deserialize<T>(payload)!);
        }

        return ReadAsync<T>(executor.AddEventWaiter(name).Task);
    }

    public override async Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout)
    {
        if (executor.TryTakeBufferedEvent(name, out var payload))
        {
            return DurableJson.Deserialize<T>(payload)!;
        }

        var waiter = executor.AddEventWaiter(name);
        using var cancelTimer = new CancellationTokenSource();
        var timer = CreateTimer(CurrentUtcDateTime + timeout, cancelTimer.Token);
        var first = await Task.WhenAny(waiter.Task, timer);
        if (first == waiter.Task)
        {
            // Cancel synchronously: CancelAsync would run the timer's cancellation on the thread pool, outside
            // the orchestration scheduler, and the continuation would wait for an episode that never comes.
#pragma warning disable CA1849
            cancelTimer.Cancel();
#pragma warning restore CA1849
            return DurableJson.Deserialize<T>(await waiter.Task)!;
        }

        executor.RemoveEventWaiter(name, waiter);
        waiter.TrySetCanceled();
        throw new TimeoutException($"No event '{name}' was raised on instance '{InstanceId}' within {timeout}.");
    }

    public override void SendEvent(string instanceId, string name, object? payload = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        executor.Emit(new OrchestrationAction(executor.NextActionId(), EventType.EventSent, name, DurableJson.Serialize(payload))
        {
            InstanceId = instanceId,
        });
    }

    public override void ContinueAsNew(object? newInput) => executor.RequestContinueAsNew(DurableJson.Serialize(newInput));

    public override void SetCustomStatus(object? customStatus) => executor.SetCustomStatus(DurableJson.Serialize(customStatus));

    private static readonly FailureDetails Unknown = new("Unknown", "The failure was not recorded.");

    private static async Task<T> ReadAsync<T>(Task<string?> payload) => DurableJson.Deserialize<T>(await payload)!;
}
