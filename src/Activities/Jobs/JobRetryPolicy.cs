namespace Nightshift.Activities.Jobs;

/// <summary>
/// Which failure classes a job is retried for. Each retry is a new attempt with a new job key and a new row.
/// By default node failures, preemptions and lost jobs are retried (the job did nothing wrong); an
/// out-of-memory kill is retried only when <see cref="RetryOutOfMemory"/> says so, with more memory; a
/// non-zero exit or a timeout is not retried unless asked, because running the same thing again rarely helps.
/// </summary>
public sealed record JobRetryPolicy
{
    /// <summary>The default policy.</summary>
    public static JobRetryPolicy Default { get; } = new();

    /// <summary>No retries at all.</summary>
    public static JobRetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in total, counting the first.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Retry after the node failed.</summary>
    public bool RetryNodeFailure { get; init; } = true;

    /// <summary>Retry after preemption.</summary>
    public bool RetryPreemption { get; init; } = true;

    /// <summary>Retry a job the scheduler forgot without an exit code.</summary>
    public bool RetryLost { get; init; } = true;

    /// <summary>Retry an out-of-memory kill with the memory multiplied by <see cref="MemoryGrowth"/>.</summary>
    public bool RetryOutOfMemory { get; init; }

    /// <summary>The factor applied to the memory on an out-of-memory retry.</summary>
    public double MemoryGrowth { get; init; } = 2.0;

    /// <summary>The memory (MiB) assumed for growth when the spec left memory to the scheduler's default.</summary>
    public int DefaultMemoryMb { get; init; } = 1024;

    /// <summary>Retry a timeout (with the same walltime).</summary>
    public bool RetryTimeout { get; init; }

    /// <summary>Retry a non-zero exit or a death by signal.</summary>
    public bool RetryNonZeroExit { get; init; }

    /// <summary>Durable delay before a retry is recorded.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>Whether an attempt that ended in <paramref name="state"/> is tried again (attempts permitting).</summary>
    public bool Retries(JobState state) => state switch
    {
        JobState.NodeFail => RetryNodeFailure,
        JobState.Preempted => RetryPreemption,
        JobState.Lost => RetryLost,
        JobState.OutOfMemory => RetryOutOfMemory,
        JobState.Timeout => RetryTimeout,
        JobState.Failed => RetryNonZeroExit,
        _ => false,
    };

    /// <summary>The spec of the next attempt after a failure of class <paramref name="state"/>.</summary>
    public JobSpec NextSpec(JobSpec spec, JobState state)
        => state == JobState.OutOfMemory
            ? spec with { MemoryMb = (int)Math.Ceiling((spec.MemoryMb ?? DefaultMemoryMb) * MemoryGrowth) }
            : spec;
}
