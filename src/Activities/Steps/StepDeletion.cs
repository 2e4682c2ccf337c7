namespace Nightshift.Activities.Steps;

/// <summary>Input of <see cref="StepActivityNames.Delete"/>: these steps of the scope and their products go.</summary>
public sealed record StepDeletion(string Scope, IReadOnlyList<string> Keys);
