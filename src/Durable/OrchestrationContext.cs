using Microsoft.Extensions.Logging;

namespace Nightshift.Durable;

/// <summary>
/// The orchestration's only window on the world. Every method here is recorded in history and replayed,
/// so orchestration code must get time, identifiers, waits and results from the context and nowhere else.
/// </summary>
public abstract class OrchestrationContext
{
    /// <summary>The id of this instance.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The id of the current execution; it changes on <see cref="ContinueAsNew"/> and restart.</summary>
    public abstract string ExecutionId { get; }

    /// <summary>The registered name of this orchestration.</summary>
    public abstract string Name { get; }

    /// <summary>The instance that started this one as a sub-orchestration, if any.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>The time at which the current episode started; the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code is re-executed from history rather than running for the first time.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>A logger that drops messages while replaying, so each line is written once.</summary>
    public abstract ILogger Logger { get; }

    /// <summary>A GUID that is the same on every replay (a name-based UUID of the instance and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>Schedules an activity and waits for its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null);

    /// <summary>Schedules an activity, retrying it as <paramref name="retry"/> says, with durable timers between attempts.</summary>
    public Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy? retry)
        => retry is null
            ? CallActivityAsync<TResult>(name, input)
            : RetryAsync(retry, () => CallActivityAsync<TResult>(name, input));

    /// <summary>Schedules an activity whose result is not needed.</summary>
    public Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null)
        => CallActivityAsync<object?>(name, input, retry);

    /// <summary>
    /// Starts a child orchestration and waits for its output. The child's instance id is
    /// <paramref name="instanceId"/>, or derived from this instance and the call's position when null.
    /// </summary>
    public abstract Task<TResult> CallSubOrchestrationAsync<TResult>(string name, object? input = null, string? instanceId = null);

    /// <summary>Starts a child orchestration with retries, each attempt in a fresh child instance.</summary>
    public Task<TResult> CallSubOrchestrationAsync<TResult>(string name, object? input, string? instanceId, RetryPolicy? retry)
    {
        if (retry is null)
        {
            return CallSubOrchestrationAsync<TResult>(name, input, instanceId);
        }

        var attempt = 0;
        return RetryAsync(retry, () =>
        {
            attempt++;
            var id = instanceId is null || attempt == 1 ? instanceId : $"{instanceId}#{attempt}";
            return CallSubOrchestrationAsync<TResult>(name, input, id);
        });
    }

    /// <summary>A durable timer: completes at <paramref name="fireAt"/>, even across worker restarts.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default);

    /// <summary>A durable timer that completes after <paramref name="delay"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default)
        => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>
    /// Waits for an event raised on this instance. An event raised before it is awaited is kept until it is,
    /// and several events of one name are delivered in the order they were raised.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string name);

    /// <summary>Waits for an event, throwing <see cref="TimeoutException"/> when none arrives within <paramref name="timeout"/>.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout);

    /// <summary>Raises an event on another instance.</summary>
    public abstract void SendEvent(string instanceId, string name, object? payload = null);

    /// <summary>
    /// Ends this execution and starts a new one of the same instance with <paramref name="newInput"/> and an
    /// empty history; takes effect when the orchestration returns. This is how an eternal loop keeps its history bounded.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput);

    /// <summary>Sets a JSON-serialisable status that clients and <c>v_instances</c> show.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    private async Task<TResult> RetryAsync<TResult>(RetryPolicy retry, Func<Task<TResult>> call)
    {
        var firstAttemptAt = CurrentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (DurableTaskFailedException failure) when (attempt < retry.MaxAttempts
                && (retry.Handle is null || retry.Handle(failure.FailureDetails)))
            {
                var fireAt = CurrentUtcDateTime + retry.DelayAfter(attempt);
                if (retry.RetryTimeout != Timeout.InfiniteTimeSpan && fireAt > firstAttemptAt + retry.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(fireAt);
            }
        }
    }
}
