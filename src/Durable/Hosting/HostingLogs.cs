using Microsoft.Extensions.Logging;

namespace Nightshift.Durable.Hosting;

/// <summary>The hosted Durable Task worker's log messages, with stable event ids (2xxx).</summary>
internal static partial class HostingLogs
{
    [LoggerMessage(2001, LogLevel.Information, "Durable Task worker started on {Store} ({Orchestrators} orchestrators, {Activities} activities registered)")]
    public static partial void WorkerStarted(ILogger logger, string store, int orchestrators, int activities);

    [LoggerMessage(2002, LogLevel.Information, "Durable Task worker stopped (forced: {Forced})")]
    public static partial void WorkerStopped(ILogger logger, bool forced);

    [LoggerMessage(2003, LogLevel.Error, "Instance {InstanceId} asked for orchestrator {Name} (version '{Version}'), which is not registered; the instance fails")]
    public static partial void OrchestratorMissing(ILogger logger, string instanceId, string name, string version);

    [LoggerMessage(2004, LogLevel.Error, "Instance {InstanceId} scheduled activity {Name} (version '{Version}'), which is not registered; the activity fails")]
    public static partial void ActivityMissing(ILogger logger, string instanceId, string name, string version);
}
