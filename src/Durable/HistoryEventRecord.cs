namespace Nightshift.Durable;

/// <summary>One row of an instance's history, as <c>v_history</c> shows it.</summary>
public sealed record HistoryEventRecord
{
    /// <summary>The execution the event belongs to.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Position in the execution's history, from 0.</summary>
    public required int Sequence { get; init; }

    /// <summary>The event type, e.g. TaskScheduled or TimerFired.</summary>
    public required string EventType { get; init; }

    /// <summary>The task id the event refers to, or -1.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>The activity, orchestration, or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Input, result or event data as JSON text.</summary>
    public string? Payload { get; init; }

    /// <summary>The failure, for failed events.</summary>
    public FailureDetails? Failure { get; init; }

    /// <summary>When the event was recorded (UTC).</summary>
    public DateTime Timestamp { get; init; }
}
