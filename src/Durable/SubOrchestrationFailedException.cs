namespace Nightshift.Durable;

/// <summary>A sub-orchestration called by an orchestration failed.</summary>
public sealed class SubOrchestrationFailedException : DurableTaskFailedException
{
    /// <summary>Creates the exception for a failed child.</summary>
    public SubOrchestrationFailedException(string name, string instanceId, int taskId, FailureDetails failureDetails)
        : base($"Sub-orchestration '{name}' (instance '{instanceId}', task {taskId}) failed: {failureDetails.Summary}", name, taskId, failureDetails)
    {
        InstanceId = instanceId;
    }

    /// <summary>The child's instance id.</summary>
    public string InstanceId { get; }
}
