namespace Nightshift.Activities.Lap;

/// <summary>Writes run, exposure and stack states in one transaction.</summary>
public sealed record LapStateUpdate(LapStep Step, string? RunState, int? RunFault, IReadOnlyList<ExposureStateChange> Exposures, IReadOnlyList<StackStateChange> Stacks);
