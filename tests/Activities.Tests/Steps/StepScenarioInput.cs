namespace Nightshift.Activities.Tests.Steps;

/// <summary>Steps to run in order through the ledger; <paramref name="Dependents"/> maps a key to keys reset before it reruns.</summary>
internal sealed record StepScenarioInput(string Scope, IReadOnlyList<StepLine> Steps, IReadOnlyDictionary<string, string[]>? Dependents = null);
