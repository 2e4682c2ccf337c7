namespace Nightshift.Activities.Lap;

/// <summary>The chip stage of one exposure.</summary>
public sealed record ChipStepInput(LapStep Step, int ExpId, string Name, string RawPath);
