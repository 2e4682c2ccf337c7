namespace Nightshift.Durable.Storage;

/// <summary>The less common fields of a history event, serialised together into the <c>details</c> column.</summary>
internal sealed record EventDetails
{
    /// <summary>TimerCreated/TimerFired: when the timer fires.</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>SubOrchestrationCreated/EventSent: the other instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>ExecutionStarted of a child: who to tell when it finishes.</summary>
    public string? ParentInstanceId { get; init; }

    public string? ParentExecutionId { get; init; }

    public int? ParentTaskId { get; init; }

    /// <summary>ExecutionStarted of a restarted execution: the failed execution whose successful steps are kept.</summary>
    public string? RewindOf { get; init; }

    /// <summary>ExecutionStarted: the execution id it starts.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>
    /// ExecutionStarted after ContinueAsNew: the events the previous execution received and did not consume, in
    /// order. They were raised before anything still waiting in the store, so the new execution gets them first.
    /// </summary>
    public IReadOnlyList<HistoryEvent>? CarriedEvents { get; init; }

    /// <summary>ExecutionTerminated/Suspended/Resumed: the operator's reason.</summary>
    public string? Reason { get; init; }

    /// <summary>DurableTask.Core: the orchestration's or activity's version, when it has one.</summary>
    public string? Version { get; init; }

    /// <summary>DurableTask.Core: the tags of a start or a scheduled task.</summary>
    public IDictionary<string, string>? Tags { get; init; }

    /// <summary>DurableTask.Core ExecutionStarted: when a scheduled start becomes due.</summary>
    public DateTime? ScheduledStartTime { get; init; }

    /// <summary>DurableTask.Core ExecutionStarted of a child: the parent orchestration's name and version.</summary>
    public string? ParentName { get; init; }

    public string? ParentVersion { get; init; }

    /// <summary>DurableTask.Core ExecutionStarted: the generation counted by ContinueAsNew.</summary>
    public int? Generation { get; init; }

    /// <summary>DurableTask.Core ExecutionCompleted/ContinuedAsNew: the status the execution ended with.</summary>
    public string? Status { get; init; }

    /// <summary>DurableTask.Core events whose id is not the task id column's (GenericEvent, HistoryState).</summary>
    public int? EventId { get; init; }
}
