namespace Nightshift.Durable.Tests.Support;

/// <summary>A DI singleton that lets a test hold an activity inside its body until it opens the gate.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once an activity is waiting at the gate.</summary>
    public Task Entered => entered.Task;

    public void Open() => opened.TrySetResult();

    /// <summary>Called by the activity: signals that it arrived and waits for the test.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        entered.TrySetResult();
        await opened.Task.WaitAsync(TestHost.DefaultTimeout, cancellationToken).ConfigureAwait(false);
    }
}
