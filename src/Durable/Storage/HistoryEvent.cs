namespace Nightshift.Durable.Storage;

/// <summary>
/// One event of an execution's history, and also the body of a message to an orchestration: a message
/// becomes history when the episode that consumes it commits. Kept flat so that it maps to plain columns.
/// </summary>
internal sealed record HistoryEvent
{
    public required EventType Type { get; init; }

    /// <summary>The id of the action this event belongs to (scheduled or completed), or -1.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>Activity, orchestration, timer or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Input, result or event data as JSON text.</summary>
    public string? Payload { get; init; }

    public FailureDetails? Failure { get; init; }

    public DateTime Timestamp { get; init; }

    /// <summary>Everything else an event type needs; stored as one JSON column.</summary>
    public EventDetails? Details { get; init; }

    public override string ToString() => TaskId >= 0
        ? $"{Type} #{TaskId}{(Name is null ? "" : $" '{Name}'")}"
        : $"{Type}{(Name is null ? "" : $" '{Name}'")}";
}
