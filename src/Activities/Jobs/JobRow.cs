namespace Nightshift.Activities.Jobs;

/// <summary>One row of the <c>jobs</c> table as the monitor works with it.</summary>
internal sealed record JobRow
{
    public required string JobKey { get; init; }
    public required string InstanceId { get; init; }
    public required string Step { get; init; }
    public required int Attempt { get; init; }
    public required string Backend { get; init; }
    public required JobState State { get; init; }
    public required JobSpec Spec { get; init; }
    public string? BatchName { get; init; }
    public int? ArrayIndex { get; init; }
    public string? SchedulerId { get; init; }
    public int? ExitCode { get; init; }
    public int? Signal { get; init; }
    public string? Reason { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? EndedAt { get; init; }
    public double? CpuSeconds { get; init; }
    public long? MaxRssBytes { get; init; }
    public string? StdoutPath { get; init; }
    public string? StderrPath { get; init; }
    public string? StdoutTail { get; init; }
    public string? StderrTail { get; init; }

    /// <summary>The wrapper writes the program's exit code here, next to stdout, so it outlives the scheduler's memory.</summary>
    public string? ExitCodePath => StdoutPath is null ? null : Path.ChangeExtension(StdoutPath, ".exit");

    public JobOutcome ToOutcome() => new()
    {
        JobKey = JobKey,
        State = State,
        Attempt = Attempt,
        Backend = Backend,
        SchedulerId = SchedulerId,
        ExitCode = ExitCode,
        Signal = Signal,
        Reason = Reason,
        StdoutTail = StdoutTail,
        StderrTail = StderrTail,
        StdoutPath = StdoutPath,
        StderrPath = StderrPath,
    };
}
