namespace Nightshift.Activities.Steps;

/// <summary>What a reset runs before it deletes a step: an activity and its input (JSON), stored with the step.</summary>
/// <param name="Activity">The registered activity name.</param>
/// <param name="Input">Its input as JSON text.</param>
public sealed record StepUndo(string Activity, string? Input)
{
    /// <summary>An undo that calls <paramref name="activity"/> with <paramref name="input"/>.</summary>
    public static StepUndo Call(string activity, object? input) => new(activity, Durable.DurableJson.Serialize(input));
}
