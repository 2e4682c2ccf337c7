namespace Nightshift.Activities.Lap;

/// <summary>A stack that could not be made: recorded as faulted so that it does not block the run.</summary>
public sealed record StackStateChange(string Skycell, int Pass, string State, int Fault);
