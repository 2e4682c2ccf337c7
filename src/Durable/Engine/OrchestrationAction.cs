namespace Nightshift.Durable.Engine;

/// <summary>Something the orchestration code asked for during an episode, matched against history on replay.</summary>
internal sealed record OrchestrationAction(int Id, EventType Kind, string? Name, string? Payload)
{
    /// <summary>CreateTimer: when it fires.</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>Sub-orchestration or SendEvent target instance.</summary>
    public string? InstanceId { get; init; }

    public override string ToString() => Kind switch
    {
        EventType.TaskScheduled => $"CallActivity #{Id} '{Name}'",
        EventType.TimerCreated => $"CreateTimer #{Id}",
        EventType.SubOrchestrationCreated => $"CallSubOrchestration #{Id} '{Name}' (instance '{InstanceId}')",
        EventType.EventSent => $"SendEvent #{Id} '{Name}' to '{InstanceId}'",
        _ => $"{Kind} #{Id}",
    };
}
