namespace Nightshift.Workflows.Lap;

/// <summary>
/// A custom status: the phase and, while a run waits for an operator, the faults to revert. The top-level orchestration
/// also gives its steps done out of the total, the shape the launcher's progress display reads.
/// </summary>
public sealed record LapProgress(string Phase, string? Waiting = null, int? Done = null, int? Total = null);
