using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage;

/// <summary>Everything an episode changes, written in one transaction.</summary>
internal sealed record EpisodeCommit
{
    /// <summary>Events appended to the current execution's history, in order.</summary>
    public IReadOnlyList<HistoryEvent> NewHistory { get; init; } = [];

    /// <summary>The sequence number of the first new event, when the executor knows it; the store looks it up otherwise.</summary>
    public int? FirstSequence { get; init; }

    /// <summary>Activity tasks to run.</summary>
    public IReadOnlyList<NewTask> NewTasks { get; init; } = [];

    /// <summary>Messages to this or other instances (timers, replies to the parent, events).</summary>
    public IReadOnlyList<OrchestrationMessage> NewMessages { get; init; } = [];

    /// <summary>Child instances to create. A failed one with the same id is restarted instead, keeping its successful steps.</summary>
    public IReadOnlyList<NewInstance> NewInstances { get; init; } = [];

    /// <summary>The ids of the messages this episode consumed.</summary>
    public IReadOnlyList<long> ConsumedMessageIds { get; init; } = [];

    public required OrchestrationStatus Status { get; init; }

    public string? Output { get; init; }

    public FailureDetails? Failure { get; init; }

    public string? CustomStatus { get; init; }

    public DateTime? CompletedAt { get; init; }

    public required DateTime Now { get; init; }

    /// <summary>Set when the orchestration continued as new: the old history is deleted and this execution begins.</summary>
    public string? NewExecutionId { get; init; }

    /// <summary>With <see cref="NewExecutionId"/>: the new execution's input.</summary>
    public string? NewExecutionInput { get; init; }

    /// <summary>
    /// DurableTask.Core after ContinueAsNew: the new execution's first events (it ran in the same episode), written
    /// under <see cref="NewExecutionId"/> once the old history is gone.
    /// </summary>
    public IReadOnlyList<HistoryEvent>? NewExecutionHistory { get; init; }

    /// <summary>
    /// An extended session goes on after this episode: the instance stays locked by its owner until this time
    /// instead of being released, so no other worker replays it while this one still holds its state.
    /// </summary>
    public DateTime? KeepLockUntil { get; init; }

    /// <summary>Every message still waiting for the instance is dropped too (a terminated instance whose start was scheduled later).</summary>
    public bool DropWaitingMessages { get; init; }
}
