namespace Nightshift.Activities.Kernels.Lap;

/// <summary>What the chip stage produced and measured.</summary>
/// <param name="Exposure">EXPNAME of the raw exposure.</param>
/// <param name="Output">The detrended, background-subtracted image with variance and mask.</param>
/// <param name="BadFraction">Fraction of pixels masked (dead, hot, saturated).</param>
/// <param name="DeadPixels">Pixels masked as dead.</param>
/// <param name="HotPixels">Pixels masked as hot.</param>
/// <param name="SaturatedPixels">Pixels masked as saturated.</param>
/// <param name="Background">Median background subtracted, ADU.</param>
/// <param name="PsfSigma">Measured PSF Gaussian sigma in pixels (NaN when no star qualified).</param>
public sealed record ChipResult(
    string Exposure, ImageProduct Output, double BadFraction, int DeadPixels, int HotPixels, int SaturatedPixels, double Background, double PsfSigma);
