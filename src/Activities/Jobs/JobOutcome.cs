namespace Nightshift.Activities.Jobs;

/// <summary>How one attempt of a job ended: the payload of the event that the waiting orchestration receives.</summary>
public sealed record JobOutcome
{
    /// <summary>The job key (instance/step/attempt).</summary>
    public required string JobKey { get; init; }

    /// <summary>The terminal state, which is also the failure class.</summary>
    public required JobState State { get; init; }

    /// <summary>The attempt this outcome belongs to (1 for the first).</summary>
    public int Attempt { get; init; }

    /// <summary>The backend that ran it.</summary>
    public string? Backend { get; init; }

    /// <summary>The scheduler's id (<c>123_4</c>, <c>57.3</c>, a pid).</summary>
    public string? SchedulerId { get; init; }

    /// <summary>The program's exit code when known.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that killed the program when known.</summary>
    public int? Signal { get; init; }

    /// <summary>The scheduler's reason (hold reason, <c>TimeLimit</c>, …).</summary>
    public string? Reason { get; init; }

    /// <summary>The last lines of standard output.</summary>
    public string? StdoutTail { get; init; }

    /// <summary>The last lines of standard error.</summary>
    public string? StderrTail { get; init; }

    /// <summary>Path of standard output.</summary>
    public string? StdoutPath { get; init; }

    /// <summary>Path of standard error.</summary>
    public string? StderrPath { get; init; }

    /// <summary>True when the job completed with exit code 0.</summary>
    public bool Succeeded => State == JobState.Completed;
}
