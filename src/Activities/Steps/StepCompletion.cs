namespace Nightshift.Activities.Steps;

/// <summary>Input of <see cref="StepActivityNames.Complete"/> and <see cref="StepActivityNames.Fail"/>.</summary>
public sealed record StepCompletion(
    string Scope,
    string Key,
    string InputHash,
    string? CodeVersion,
    string InstanceId,
    string? Result,
    IReadOnlyList<string> Products,
    StepUndo? Undo,
    string? Error);
