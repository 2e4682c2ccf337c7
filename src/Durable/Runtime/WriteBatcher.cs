using System.Threading.Channels;

namespace Nightshift.Durable.Runtime;

/// <summary>
/// Group commit: callers submit writes one by one, a single loop writes everything that queued up while the
/// previous transaction ran as one transaction. Under load this turns many small commits into few large ones;
/// when idle a write goes out at once. If a batch fails, its items are retried one by one so that one bad
/// item cannot fail the others.
/// </summary>
internal sealed class WriteBatcher<TItem, TResult>
{
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Done)> queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write;
    private readonly int maxBatch;
    private readonly Task loop;

    public WriteBatcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int maxBatch)
    {
        this.write = write;
        this.maxBatch = maxBatch;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when the item's transaction has committed, with its result, or throws the write's error.</summary>
    public Task<TResult> SubmitAsync(TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((item, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(WriteBatcher<TItem, TResult>), "The worker is stopping."));
        }

        return done.Task;
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public Task CompleteAsync()
    {
        queue.Writer.TryComplete();
        return loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var results = await write(batch.Select(b => b.Item).ToList()).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var (item, done) in batch)
                {
                    try
                    {
                        done.TrySetResult((await write([item]).ConfigureAwait(false))[0]);
                    }
                    catch (Exception ex)
                    {
                        done.TrySetException(ex);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }
}
