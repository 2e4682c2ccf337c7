namespace Nightshift.Durable.Runtime;

/// <summary>
/// Wakes this process's dispatchers as soon as something in the same process enqueues work, so that a
/// run hosted in one process never waits for a poll interval. Other processes' work is found by polling.
/// </summary>
internal sealed class WorkSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The next notification. Take it before looking at the store and wait on it after finding nothing, so a
    /// notification that comes in between is not missed.
    /// </summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() => Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
