using Nightshift.Activities.Lap;
using Nightshift.Durable;

namespace Nightshift.Workflows.Lap;

/// <summary>The one place that chooses how kernels execute.</summary>
internal static class LapExecutors
{
    /// <summary>Retries system faults (class 2) only; the others wait for an operator.</summary>
    public static RetryPolicy SystemRetry(LapConfig config) =>
        new(config.SystemRetries, TimeSpan.FromSeconds(config.RetrySeconds)) { BackoffCoefficient = 2, Handle = LapFault.IsSystem };

    /// <summary>The executors a configuration may name: in the worker's process, or batch jobs on a job-layer backend.</summary>
    public static IReadOnlyList<string> Names { get; } = ["inproc", "slurm", "local"];

    public static ILapExecutor For(LapConfig config) => config.Executor switch
    {
        "inproc" => new InProcessLapExecutor(SystemRetry(config)),
        "slurm" or "local" => new BatchLapExecutor(config, config.Executor),
        _ => throw new ArgumentException($"Unknown LAP executor '{config.Executor}'.", nameof(config)),
    };
}
