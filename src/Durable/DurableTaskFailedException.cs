namespace Nightshift.Durable;

/// <summary>
/// A call made by an orchestration failed: the activity or sub-orchestration threw, or exhausted its retries.
/// The original failure is available as data in <see cref="FailureDetails"/>.
/// </summary>
public abstract class DurableTaskFailedException : NightshiftException
{
    private protected DurableTaskFailedException(string message, string name, int taskId, FailureDetails failureDetails)
        : base(message)
    {
        Name = name;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The name of the activity or orchestration that was called.</summary>
    public string Name { get; }

    /// <summary>The task id of the call in the caller's history.</summary>
    public int TaskId { get; }

    /// <summary>What the callee threw.</summary>
    public FailureDetails FailureDetails { get; }
}
