namespace Nightshift.Activities.Steps;

/// <summary>The values of the <c>steps.status</c> column.</summary>
public static class StepStatus
{
    /// <summary>An instance has begun the step and not yet recorded its end.</summary>
    public const string Running = "running";

    /// <summary>The step finished; its result is recorded and a rerun with the same input returns it.</summary>
    public const string Completed = "completed";

    /// <summary>The step's work failed; a rerun runs it again.</summary>
    public const string Failed = "failed";
}
