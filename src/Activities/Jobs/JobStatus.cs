namespace Nightshift.Activities.Jobs;

/// <summary>What a backend learned about one job in a poll.</summary>
internal sealed record JobStatus(JobState State)
{
    public int? ExitCode { get; init; }
    public int? Signal { get; init; }
    public string? Reason { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? EndedAt { get; init; }
    public double? CpuSeconds { get; init; }
    public long? MaxRssBytes { get; init; }

    /// <summary>The status from the exit code the job wrapper wrote: 0 completed; otherwise failed, 128+N as signal N.</summary>
    public static JobStatus FromExitCode(int code) => code == 0
        ? new JobStatus(JobState.Completed) { ExitCode = 0 }
        : new JobStatus(JobState.Failed) { ExitCode = code, Signal = code > 128 && code < 128 + 65 ? code - 128 : null, Reason = "NonZeroExitCode" };

    /// <summary>Reads the exit-code file of a job, or null when the job has not written it.</summary>
    public static int? ReadExitCode(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), out var code) ? code : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
