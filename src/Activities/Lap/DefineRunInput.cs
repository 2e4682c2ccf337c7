namespace Nightshift.Activities.Lap;

/// <summary>Defines a run (laptool -definerun): a projection cell in one filter, optionally with its own radius.</summary>
public sealed record DefineRunInput(LapStep Step, string Cell, string Filter, string? Label, double? RadiusDeg);
