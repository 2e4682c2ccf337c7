using Microsoft.Extensions.Logging;

namespace Nightshift.Host;

/// <summary>The launcher's log messages, with stable event ids (2xxx). They go to stderr; results go to stdout.</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Information, "Started {Pipeline} as instance {InstanceId} on {Store}")]
    public static partial void RunStarted(ILogger logger, string pipeline, string instanceId, string store);

    [LoggerMessage(2002, LogLevel.Information, "Instance {InstanceId} already exists with status {Status}; attaching to it")]
    public static partial void RunAttached(ILogger logger, string instanceId, string status);

    [LoggerMessage(2003, LogLevel.Information, "Instance {InstanceId} ended {Status} after {Seconds:0.0} s")]
    public static partial void RunEnded(ILogger logger, string instanceId, string status, double seconds);

    [LoggerMessage(2004, LogLevel.Warning, "Interrupted while following instance {InstanceId}; stopping the in-process worker")]
    public static partial void RunInterrupted(ILogger logger, string instanceId);

    [LoggerMessage(2005, LogLevel.Information, "Worker hosting pipelines {Pipelines} on {Store}")]
    public static partial void WorkerHosting(ILogger logger, string pipelines, string store);

    [LoggerMessage(2006, LogLevel.Information, "Worker stopped")]
    public static partial void WorkerStopped(ILogger logger);

    [LoggerMessage(2007, LogLevel.Information, "{Operation} sent to instance {InstanceId}")]
    public static partial void OperationSent(ILogger logger, string operation, string instanceId);

    [LoggerMessage(2008, LogLevel.Information, "Purged {Count} instances from {Store}")]
    public static partial void Purged(ILogger logger, int count, string store);
}
