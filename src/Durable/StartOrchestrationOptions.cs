namespace Nightshift.Durable;

/// <summary>How to start an orchestration.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance id; a new GUID (as 32 hex digits) when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>What to do when <see cref="InstanceId"/> is taken.</summary>
    public InstanceIdReusePolicy IdReusePolicy { get; init; } = InstanceIdReusePolicy.Throw;

    /// <summary>Delays the first episode until this time (UTC).</summary>
    public DateTime? StartAt { get; init; }
}
