using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>What sky subtraction did to one CCD.</summary>
/// <param name="Output">The sky-subtracted image (with the fitted WCS in its header), variance and mask.</param>
/// <param name="SkyLevel">Median sky level removed, ADU.</param>
/// <param name="SkyRange">Largest minus smallest value of the sky model, ADU (its gradient across the CCD).</param>
/// <param name="ResidualRms">Robust rms of source-free pixels after subtraction, ADU.</param>
public sealed record SkyResult(ImageProduct Output, double SkyLevel, double SkyRange, double ResidualRms);
