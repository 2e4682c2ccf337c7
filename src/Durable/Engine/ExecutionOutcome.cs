namespace Nightshift.Durable.Engine;

/// <summary>How an execution ended, once it has.</summary>
internal sealed record ExecutionOutcome(OrchestrationStatus Status, string? Output, FailureDetails? Failure)
{
    /// <summary>Set when the orchestration called ContinueAsNew: the next execution's input.</summary>
    public bool ContinuedAsNew { get; init; }

    public static ExecutionOutcome Completed(string? output) => new(OrchestrationStatus.Completed, output, null);

    public static ExecutionOutcome Failed(FailureDetails failure) => new(OrchestrationStatus.Failed, null, failure);

    public static ExecutionOutcome Terminated(string? reason) => new(OrchestrationStatus.Terminated, DurableJson.Serialize(reason), null);

    public static ExecutionOutcome ContinueAsNew(string? input) => new(OrchestrationStatus.Running, input, null) { ContinuedAsNew = true };
}
