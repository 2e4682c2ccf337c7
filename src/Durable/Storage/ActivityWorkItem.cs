namespace Nightshift.Durable.Storage;

/// <summary>A leased row of <c>new_tasks</c>.</summary>
internal sealed record ActivityWorkItem
{
    public required long Id { get; init; }

    public required string InstanceId { get; init; }

    public required string ExecutionId { get; init; }

    public required int TaskId { get; init; }

    public required string Name { get; init; }

    public string? Input { get; init; }

    /// <summary>Deliveries so far, this one included.</summary>
    public required int DequeueCount { get; init; }

    public required string LockOwner { get; init; }
}
