using Microsoft.Extensions.Logging;

namespace Nightshift.Durable.Worker;

/// <summary>The runtime's log messages, with stable event ids (1xxx).</summary>
internal static partial class Logs
{
    [LoggerMessage(1001, LogLevel.Information, "Worker {Worker} started on {Store} ({Orchestrations} concurrent episodes, {Activities} concurrent activities)")]
    public static partial void WorkerStarted(ILogger logger, string worker, string store, int orchestrations, int activities);

    [LoggerMessage(1002, LogLevel.Information, "Worker {Worker} stopped; {Abandoned} running activities were handed back")]
    public static partial void WorkerStopped(ILogger logger, string worker, int abandoned);

    [LoggerMessage(1003, LogLevel.Warning, "Episode of instance {InstanceId} lost its lock; its work is discarded and another worker will redo it")]
    public static partial void LockLost(ILogger logger, string instanceId);

    [LoggerMessage(1004, LogLevel.Error, "Episode of instance {InstanceId} failed; its messages are released for another attempt")]
    public static partial void EpisodeError(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(1005, LogLevel.Error, "Store error while polling for work; retrying in {Delay}")]
    public static partial void PollError(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(1006, LogLevel.Warning, "Activity {Name} of instance {InstanceId} (task {TaskId}) failed: {Failure}")]
    public static partial void ActivityFailed(ILogger logger, string name, string instanceId, int taskId, string failure);

    [LoggerMessage(1007, LogLevel.Error, "Could not record activity completions; retrying in {Delay}")]
    public static partial void CompletionError(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(1008, LogLevel.Warning, "Lost the lease of activity {Name} (task row {TaskRowId}); another worker may run it")]
    public static partial void LeaseLost(ILogger logger, string name, long taskRowId);

    [LoggerMessage(1009, LogLevel.Error, "Could not renew activity leases")]
    public static partial void LeaseRenewError(ILogger logger, Exception exception);
}
