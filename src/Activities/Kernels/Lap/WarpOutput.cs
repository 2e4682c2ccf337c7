namespace Nightshift.Activities.Kernels.Lap;

/// <summary>One warp: an exposure resampled onto one skycell.</summary>
/// <param name="Skycell">The skycell name.</param>
/// <param name="Output">The warped image, variance and mask (pixels outside the exposure are <see cref="PixelMask.NoData"/>).</param>
/// <param name="BadFraction">Fraction of the covered pixels that are masked.</param>
/// <param name="CoveredFraction">Fraction of the skycell that the exposure covers.</param>
public sealed record WarpOutput(string Skycell, ImageProduct Output, double BadFraction, double CoveredFraction);
