namespace Nightshift.Durable.Engine;

/// <summary>What one episode of an <see cref="OrchestrationExecutor"/> produced, before it is turned into a commit.</summary>
internal sealed record EpisodeResult
{
    /// <summary>Events to append: the episode marker, the consumed messages, and the new actions' scheduled events.</summary>
    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    /// <summary>The actions the code took for the first time in this episode, in order.</summary>
    public required IReadOnlyList<OrchestrationAction> NewActions { get; init; }

    /// <summary>Set once the execution has ended.</summary>
    public ExecutionOutcome? Outcome { get; init; }

    public required OrchestrationStatus Status { get; init; }

    /// <summary>The custom status, when the code changed it in this episode.</summary>
    public string? CustomStatus { get; init; }

    public bool CustomStatusChanged { get; init; }

    /// <summary>Raised events that no wait consumed; carried over to the next execution on ContinueAsNew.</summary>
    public IReadOnlyList<HistoryEvent> UnconsumedEvents { get; init; } = [];

    /// <summary>Messages left in the store because the instance is suspended; they are not consumed.</summary>
    public IReadOnlyList<long> DeferredMessageIds { get; init; } = [];
}
