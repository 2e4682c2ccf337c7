using System.Text.Json;

namespace Nightshift.Durable;

/// <summary>A snapshot of one instance row, as a client sees it.</summary>
public sealed record OrchestrationState
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The orchestration name.</summary>
    public required string Name { get; init; }

    /// <summary>The status.</summary>
    public required OrchestrationStatus Status { get; init; }

    /// <summary>The input as JSON text.</summary>
    public string? Input { get; init; }

    /// <summary>The output as JSON text, once completed.</summary>
    public string? Output { get; init; }

    /// <summary>The custom status as JSON text.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The failure, when the status is Failed. (A terminated instance has the operator's reason as its output.)</summary>
    public FailureDetails? Failure { get; init; }

    /// <summary>The parent instance when this is a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When an episode or a client last changed the instance (UTC).</summary>
    public DateTime UpdatedAt { get; init; }

    /// <summary>When it reached a terminal status (UTC).</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>Reads the output as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => Output is null ? default : JsonSerializer.Deserialize<T>(Output, DurableJson.Options);

    /// <summary>Reads the input as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => Input is null ? default : JsonSerializer.Deserialize<T>(Input, DurableJson.Options);

    /// <summary>Reads the custom status as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => CustomStatus is null ? default : JsonSerializer.Deserialize<T>(CustomStatus, DurableJson.Options);
}
