using Microsoft.DurableTask;
using Nightshift.Activities.Lap;

namespace Nightshift.Workflows.Lap;

/// <summary>The one place that chooses how kernels execute.</summary>
internal static class LapExecutors
{
    /// <summary>
    /// The SDK refuses a zero first interval, while LAP accepts <c>retrySeconds: 0</c> (retry at once); a millisecond is as
    /// good as at once for a durable timer.
    /// </summary>
    private static readonly TimeSpan ShortestRetryInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Retries system faults (class 2) only, with durable timers doubling from <see cref="LapConfig.RetrySeconds"/>; the other
    /// classes fail the step at once and wait for an operator.
    /// </summary>
    public static TaskOptions SystemRetry(LapConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var first = TimeSpan.FromSeconds(config.RetrySeconds);
        return TaskOptions.FromRetryPolicy(
            new RetryPolicy(config.SystemRetries, first > ShortestRetryInterval ? first : ShortestRetryInterval, backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromHours(1))
            {
                HandleFailure = LapFault.IsSystem,
            });
    }

    /// <summary>The executors a configuration may name: in the worker's process, or batch jobs on a job-layer backend.</summary>
    public static IReadOnlyList<string> Names { get; } = ["inproc", "slurm", "local"];

    public static ILapExecutor For(LapConfig config) => config.Executor switch
    {
        "inproc" => new InProcessLapExecutor(SystemRetry(config)),
        "slurm" or "local" => new BatchLapExecutor(config, config.Executor),
        _ => throw new ArgumentException($"Unknown LAP executor '{config.Executor}'.", nameof(config)),
    };
}
