using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>The astrometric solution of one CCD (written as JSON next to the catalogue).</summary>
/// <param name="Wcs">The fitted WCS.</param>
/// <param name="Matched">Detections matched to reference stars and kept in the fit.</param>
/// <param name="RmsPixels">Rms of the matched stars' measured positions about the fitted WCS, pixels.</param>
/// <param name="ShiftPixels">How far the solution moved the CCD's centre from the nominal header WCS, pixels.</param>
/// <param name="Flagged">True when too few matches left only a shift solution.</param>
/// <param name="Reason">Why it is flagged, or null.</param>
public sealed record AstrometryResult(TanWcs Wcs, int Matched, double RmsPixels, double ShiftPixels, bool Flagged, string? Reason);
