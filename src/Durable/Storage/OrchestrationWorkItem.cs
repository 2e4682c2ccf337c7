using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage;

/// <summary>A locked instance and the messages its episode is to consume.</summary>
internal sealed record OrchestrationWorkItem
{
    public required string InstanceId { get; init; }

    public required string ExecutionId { get; init; }

    public required string Name { get; init; }

    public required OrchestrationStatus Status { get; init; }

    /// <summary>Counts committed episodes; a cached copy of the orchestration is current only when it saw this number.</summary>
    public required long Episode { get; init; }

    public required string LockOwner { get; init; }

    public required IReadOnlyList<OrchestrationMessage> Messages { get; init; }
}
