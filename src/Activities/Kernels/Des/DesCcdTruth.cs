using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>The truth of one CCD of one exposure.</summary>
/// <param name="ExpNum">The exposure.</param>
/// <param name="Ccd">The CCD number.</param>
/// <param name="Status">ok, excluded, sparse (reference catalogue gap) or corrupt (truncated raw file).</param>
/// <param name="ZeroPoint">mag = ZeroPoint - 2.5 log10(counts in ADU after flat-fielding).</param>
/// <param name="PsfSigma">Gaussian sigma of the PSF, pixels.</param>
/// <param name="Sky">Mean sky level, ADU per pixel.</param>
/// <param name="Wcs">The true WCS.</param>
public sealed record DesCcdTruth(int ExpNum, int Ccd, string Status, double ZeroPoint, double PsfSigma, double Sky, TanWcs Wcs);
