namespace Nightshift.Workflows.Lap;

/// <summary>What a run did.</summary>
/// <param name="LapId">The run (its instance id).</param>
/// <param name="State">done, or failed with the reason when the run orchestration failed.</param>
/// <param name="Exposures">Exposures selected.</param>
/// <param name="Dropped">Exposures dropped (junk, quality, postponed).</param>
/// <param name="Postponed">Private exposures dropped because a stack covering them was missing.</param>
/// <param name="Stacks">Stacks made (both passes).</param>
/// <param name="StacksFaulted">Stacks that faulted and were skipped.</param>
/// <param name="Diffs">Final skycell differences.</param>
/// <param name="Cleaned">Chips cleaned after the run.</param>
public sealed record LapRunResult(string LapId, string State, int Exposures, int Dropped, int Postponed, int Stacks, int StacksFaulted, int Diffs, int Cleaned);
