namespace Nightshift.Activities.Steps;

/// <summary>The steps of a scope whose key matches any selector (<see cref="StepSelector"/>); no selectors: all of them.</summary>
public sealed record StepSelection(string Scope, IReadOnlyList<string> Selectors);
