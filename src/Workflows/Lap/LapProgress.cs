namespace Nightshift.Workflows.Lap;

/// <summary>A run's custom status: its phase and, while it waits for an operator, the faults to revert.</summary>
public sealed record LapProgress(string Phase, string? Waiting = null);
