using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>What detrending one CCD produced.</summary>
/// <param name="Output">The detrended image, its variance and its mask.</param>
/// <param name="MaskedFraction">Fraction of pixels masked (bad-pixel mask, bad flat, saturation).</param>
/// <param name="SaturatedPixels">Pixels at or above SATURATE.</param>
public sealed record DetrendResult(ImageProduct Output, double MaskedFraction, int SaturatedPixels);
