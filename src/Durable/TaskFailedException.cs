namespace Nightshift.Durable;

/// <summary>An activity called by an orchestration failed.</summary>
public sealed class TaskFailedException : DurableTaskFailedException
{
    /// <summary>Creates the exception for a failed activity.</summary>
    public TaskFailedException(string name, int taskId, FailureDetails failureDetails)
        : base($"Activity '{name}' (task {taskId}) failed: {failureDetails.Summary}", name, taskId, failureDetails)
    {
    }
}
