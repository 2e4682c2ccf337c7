namespace Nightshift.Activities.Lap;

/// <summary>The chip stage of one exposure. With <c>Job</c>, the kernel already ran as that batch job and the step records its result.</summary>
public sealed record ChipStepInput(LapStep Step, int ExpId, string Name, string RawPath, LapJob? Job = null);
