namespace Nightshift.Durable.Storage;

/// <summary>A row of <c>new_events</c>: an event waiting to be consumed by an episode of its instance.</summary>
internal sealed record OrchestrationMessage
{
    /// <summary>Row id; 0 until stored.</summary>
    public long Id { get; init; }

    public required string InstanceId { get; init; }

    /// <summary>Set for replies (task and child completions, timers) so that a reply to an old execution is dropped.</summary>
    public string? ExecutionId { get; init; }

    public required HistoryEvent Event { get; init; }

    /// <summary>Not delivered before this time; timers use it.</summary>
    public DateTime VisibleAt { get; init; }

    /// <summary>How many times an episode has taken this message.</summary>
    public int DequeueCount { get; init; }
}
