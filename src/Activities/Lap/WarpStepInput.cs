namespace Nightshift.Activities.Lap;

/// <summary>The warp stage of one exposure, from its chip.</summary>
public sealed record WarpStepInput(LapStep Step, ExposureRecord Chip);
