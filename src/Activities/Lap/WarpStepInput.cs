namespace Nightshift.Activities.Lap;

/// <summary>The warp stage of one exposure, from its chip. With <c>Job</c>, the kernel already ran as that batch job and the step records its result.</summary>
public sealed record WarpStepInput(LapStep Step, ExposureRecord Chip, LapJob? Job = null);
