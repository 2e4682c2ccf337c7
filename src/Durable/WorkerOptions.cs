using System.ComponentModel.DataAnnotations;

namespace Nightshift.Durable;

/// <summary>How a worker runs episodes and activities. Validated at start-up.</summary>
public sealed class WorkerOptions
{
    /// <summary>
    /// Episodes run at once by this worker. Episodes spend most of their time waiting on the store, so this is
    /// well above the core count; the instances locked together are also committed together.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>Activities run at once by this worker.</summary>
    [Range(1, 4096)]
    public int MaxConcurrentActivities { get; set; } = Math.Max(8, Environment.ProcessorCount * 8);

    /// <summary>How long an instance stays locked by an episode before another worker may take it.</summary>
    public TimeSpan OrchestrationLockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An activity's lease; the worker renews it at a third of this while the activity runs.</summary>
    public TimeSpan ActivityLeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two polls of the store when there is no work.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A message or task delivered more often than this without completing is poison: its instance or task fails.</summary>
    [Range(1, 1000)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>A name for this worker in lock columns; host name and process id by default.</summary>
    public string? WorkerName { get; set; }

    /// <summary>
    /// DurableTask.Core runtime: keep an instance's state in memory between episodes while it has more messages
    /// (an extended session), so an episode costs what is new rather than a replay of its history.
    /// </summary>
    public bool ExtendedSessions { get; set; } = true;

    /// <summary>How long an extended session waits for the instance's next message before it lets the instance go.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
