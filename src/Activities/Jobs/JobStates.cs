namespace Nightshift.Activities.Jobs;

/// <summary>The names of job states in the <c>jobs</c> table (snake case, stable for operators' queries).</summary>
internal static class JobStates
{
    public static readonly JobState[] Active = [JobState.Pending, JobState.Submitting, JobState.Queued, JobState.Running, JobState.Held];

    public static bool IsTerminal(this JobState state) => state >= JobState.Completed;

    public static string ToDb(this JobState state) => state switch
    {
        JobState.Pending => "pending",
        JobState.Submitting => "submitting",
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Held => "held",
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        JobState.Timeout => "timeout",
        JobState.OutOfMemory => "out_of_memory",
        JobState.Cancelled => "cancelled",
        JobState.NodeFail => "node_fail",
        JobState.Preempted => "preempted",
        JobState.Lost => "lost",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static JobState Parse(string text) => text switch
    {
        "pending" => JobState.Pending,
        "submitting" => JobState.Submitting,
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "held" => JobState.Held,
        "completed" => JobState.Completed,
        "failed" => JobState.Failed,
        "timeout" => JobState.Timeout,
        "out_of_memory" => JobState.OutOfMemory,
        "cancelled" => JobState.Cancelled,
        "node_fail" => JobState.NodeFail,
        "preempted" => JobState.Preempted,
        "lost" => JobState.Lost,
        _ => throw new FormatException($"Unknown job state '{text}' in the jobs table."),
    };
}
