namespace Nightshift.Activities.Steps;

/// <summary>The registered names of the steps ledger's activities and orchestration.</summary>
public static class StepActivityNames
{
    /// <summary>Returns a matching completed step, or records the step as running.</summary>
    public const string Begin = "nightshift.steps.begin";

    /// <summary>Records a step's result.</summary>
    public const string Complete = "nightshift.steps.complete";

    /// <summary>Records a step's failure.</summary>
    public const string Fail = "nightshift.steps.fail";

    /// <summary>Lists the steps that match selectors.</summary>
    public const string Select = "nightshift.steps.select";

    /// <summary>Deletes steps and their products.</summary>
    public const string Delete = "nightshift.steps.delete";

    /// <summary>The orchestration that resets steps: undo, then delete.</summary>
    public const string Reset = "nightshift.steps.reset";
}
