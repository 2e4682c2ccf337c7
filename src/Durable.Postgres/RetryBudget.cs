using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace Nightshift.Durable.Postgres;

/// <summary>
/// Exponential backoff with jitter for one operation, bounded by a total time rather than a count: a server
/// restart takes a few seconds whatever the attempt number, and a count would give up on a slow one.
/// </summary>
internal sealed class RetryBudget(TimeSpan total, string store, ILogger logger, Action onConnectionFailure)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private readonly DateTime deadline = DateTime.UtcNow + total;
    private int attempt;

    /// <summary>
    /// Waits before the next attempt after <paramref name="error"/>, which must be transient; rethrows it when
    /// the budget is spent.
    /// </summary>
    public async Task WaitAsync(Exception error, CancellationToken cancellationToken)
    {
        attempt++;
        if (PostgresErrors.IsConnectionFailure(error))
        {
            // The pool's idle connections to a restarted server are all dead; without this every one of them
            // would cost an attempt before a fresh connection is made.
            onConnectionFailure();
        }

        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
        // Jitter: workers cut off by the same restart do not all come back in the same millisecond.
        var delay = TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
        if (DateTime.UtcNow + delay > deadline)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        Logs.Retrying(logger, store, error.Message, attempt, delay);
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }
}
