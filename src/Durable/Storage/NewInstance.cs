using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage;

/// <summary>An instance to create, with the ExecutionStarted event that starts it.</summary>
internal sealed record NewInstance
{
    public required string InstanceId { get; init; }

    public required string ExecutionId { get; init; }

    public required string Name { get; init; }

    public string? Input { get; init; }

    public string? ParentInstanceId { get; init; }

    public required HistoryEvent StartEvent { get; init; }

    public required DateTime CreatedAt { get; init; }

    /// <summary>When the start message becomes deliverable.</summary>
    public required DateTime VisibleAt { get; init; }
}
