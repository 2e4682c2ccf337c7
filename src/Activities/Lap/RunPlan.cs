namespace Nightshift.Activities.Lap;

/// <summary>A defined run: its skycells and its exposures in time order.</summary>
public sealed record RunPlan(string Cell, IReadOnlyList<string> Skycells, IReadOnlyList<PlannedExposure> Exposures);
