namespace Nightshift.Activities.Jobs;

/// <summary>One row of the <c>jobs</c> table, for listings (<c>nightshift jobs</c>).</summary>
public sealed record JobRecord
{
    /// <summary>The job key (instance/step/attempt).</summary>
    public required string JobKey { get; init; }

    /// <summary>The orchestration instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The step name.</summary>
    public required string Step { get; init; }

    /// <summary>Attempt number, from 1.</summary>
    public int Attempt { get; init; }

    /// <summary>Backend name.</summary>
    public required string Backend { get; init; }

    /// <summary>State (terminal states are failure classes).</summary>
    public JobState State { get; init; }

    /// <summary>The scheduler's id.</summary>
    public string? SchedulerId { get; init; }

    /// <summary>Exit code when known.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Killing signal when known.</summary>
    public int? Signal { get; init; }

    /// <summary>Scheduler reason.</summary>
    public string? Reason { get; init; }

    /// <summary>When the job was recorded.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When it was handed to the scheduler.</summary>
    public DateTime? SubmittedAt { get; init; }

    /// <summary>When it started.</summary>
    public DateTime? StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTime? EndedAt { get; init; }

    /// <summary>CPU seconds where the scheduler reports them.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Peak resident memory in bytes where the scheduler reports it.</summary>
    public long? MaxRssBytes { get; init; }

    /// <summary>Path of stdout.</summary>
    public string? StdoutPath { get; init; }

    /// <summary>Path of stderr.</summary>
    public string? StderrPath { get; init; }

    /// <summary>Last lines of stdout.</summary>
    public string? StdoutTail { get; init; }

    /// <summary>Last lines of stderr.</summary>
    public string? StderrTail { get; init; }

    /// <summary>The spec the attempt ran.</summary>
    public required JobSpec Spec { get; init; }

    internal static JobRecord From(JobRow r) => new()
    {
        JobKey = r.JobKey, InstanceId = r.InstanceId, Step = r.Step, Attempt = r.Attempt, Backend = r.Backend, State = r.State,
        SchedulerId = r.SchedulerId, ExitCode = r.ExitCode, Signal = r.Signal, Reason = r.Reason, CreatedAt = r.CreatedAt,
        SubmittedAt = r.SubmittedAt, StartedAt = r.StartedAt, EndedAt = r.EndedAt, CpuSeconds = r.CpuSeconds, MaxRssBytes = r.MaxRssBytes,
        StdoutPath = r.StdoutPath, StderrPath = r.StderrPath, StdoutTail = r.StdoutTail, StderrTail = r.StderrTail, Spec = r.Spec,
    };
}
