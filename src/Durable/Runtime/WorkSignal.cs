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

    /// <summary>
    /// Completes at the next notification, after <paramref name="timeout"/>, or when <paramref name="cancellationToken"/>
    /// is cancelled, whichever comes first; it never throws, so a dispatcher loop ends by checking its token.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var wait = Volatile.Read(ref next).Task;
        try
        {
            await wait.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A timeout just means: poll the store again.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping. Throwing here would end the worker's ExecuteAsync before it drains running work.
        }
    }
}
