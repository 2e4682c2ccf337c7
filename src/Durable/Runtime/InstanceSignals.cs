using System.Collections.Concurrent;

namespace Nightshift.Durable.Runtime;

/// <summary>
/// Wakes an extended session as soon as this process commits a message for its instance (an activity result, a
/// child's reply, an event from the client), so that a session waits on the store only for other processes' work.
/// </summary>
internal sealed class InstanceSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiters = new(StringComparer.Ordinal);

    public void Notify(string instanceId)
    {
        if (waiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>
    /// The next notification for <paramref name="instanceId"/>. Take it before looking at the store and wait on it
    /// after finding nothing, so that a notification that comes in between is not missed.
    /// </summary>
    public Task Next(string instanceId)
        => waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Forgets the instance's waiter when its session ends.</summary>
    public void Forget(string instanceId) => waiters.TryRemove(instanceId, out _);

    /// <summary>Completes when <paramref name="next"/> does, after <paramref name="timeout"/>, or on cancellation; never throws.</summary>
    public static async Task WaitAsync(Task next, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await next.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Time to look at the store.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping; the caller checks its token.
        }
    }
}
