namespace Nightshift.Durable;

/// <summary>
/// How an orchestration retries a failed activity or sub-orchestration. The waits between attempts are
/// durable timers, so a retry schedule survives a worker restart.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy with the given number of attempts and first wait.</summary>
    public RetryPolicy(int maxAttempts, TimeSpan firstRetryInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstRetryInterval, TimeSpan.Zero);
        MaxAttempts = maxAttempts;
        FirstRetryInterval = firstRetryInterval;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; }

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; init; }

    /// <summary>Each wait is the previous one times this coefficient (1 = constant).</summary>
    public double BackoffCoefficient { get; init; } = 1.0;

    /// <summary>No wait is longer than this.</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>No attempt starts later than this after the first one; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Decides whether a failure is worth another attempt; every failure is, by default.</summary>
    public Func<FailureDetails, bool>? Handle { get; init; }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after attempt <paramref name="attempt"/> failed.</summary>
    internal TimeSpan DelayAfter(int attempt)
    {
        var seconds = FirstRetryInterval.TotalSeconds * Math.Pow(BackoffCoefficient, attempt - 1);
        var capped = Math.Min(seconds, MaxRetryInterval.TotalSeconds);
        return TimeSpan.FromSeconds(capped);
    }
}
