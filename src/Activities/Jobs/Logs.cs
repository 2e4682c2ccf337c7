using Microsoft.Extensions.Logging;

namespace Nightshift.Activities.Jobs;

/// <summary>The job layer's log messages; event ids 4000–4099 are stable.</summary>
internal static partial class Logs
{
    [LoggerMessage(4000, LogLevel.Information, "Job monitor for backend {Backend} is active (owner {Owner}).")]
    public static partial void MonitorActive(ILogger logger, string backend, string owner);

    [LoggerMessage(4001, LogLevel.Warning, "Job monitor cycle for backend {Backend} failed; it will try again.")]
    public static partial void CycleFailed(ILogger logger, string backend, Exception exception);

    [LoggerMessage(4002, LogLevel.Information, "Submitted {Count} job(s) of backend {Backend} as {Batch}.")]
    public static partial void Submitted(ILogger logger, int count, string backend, string batch);

    [LoggerMessage(4003, LogLevel.Warning, "Submission {Batch} of backend {Backend} was refused: {Message}")]
    public static partial void SubmitRefused(ILogger logger, string batch, string backend, string message);

    [LoggerMessage(4004, LogLevel.Information, "Adopted {Adopted} job(s) of backend {Backend} found in the scheduler after a crash; {Reset} were never submitted and are pending again.")]
    public static partial void Adopted(ILogger logger, int adopted, string backend, int reset);

    [LoggerMessage(4005, LogLevel.Information, "Job {JobKey} ended {State} (exit code {ExitCode}).")]
    public static partial void JobEnded(ILogger logger, string jobKey, JobState state, int? exitCode);

    [LoggerMessage(4006, LogLevel.Information, "Cancelling {Count} job(s) of backend {Backend}: their orchestrations ended.")]
    public static partial void CancellingOrphans(ILogger logger, int count, string backend);

    [LoggerMessage(4007, LogLevel.Warning, "Scheduler command {Program} failed transiently (attempt {Attempt}): {Error}")]
    public static partial void SchedulerCommandRetry(ILogger logger, string program, int attempt, string error);

    [LoggerMessage(4008, LogLevel.Information, "SLURM accounting (sacct) available: {Available}.")]
    public static partial void SlurmAccounting(ILogger logger, bool available);

    [LoggerMessage(4009, LogLevel.Warning, "Job {JobKey} was declared lost: no scheduler reports it and it wrote no exit code.")]
    public static partial void JobLost(ILogger logger, string jobKey);
}
