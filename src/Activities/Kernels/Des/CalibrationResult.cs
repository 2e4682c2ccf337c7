namespace Nightshift.Activities.Kernels.Des;

/// <summary>The photometric calibration of one CCD (written as JSON).</summary>
/// <param name="ZeroPoint">mag = ZeroPoint - 2.5 log10(PSF flux in ADU); null when flagged.</param>
/// <param name="ZeroPointError">Its standard error, mag; null when flagged.</param>
/// <param name="Matched">Reference stars in the usable magnitude range with a PSF flux.</param>
/// <param name="Used">Stars kept after outlier rejection.</param>
/// <param name="Rms">Scatter of the kept stars' zero points, mag.</param>
/// <param name="Flagged">True when too few stars were left: the CCD is not calibrated.</param>
/// <param name="Reason">Why it is flagged, or null.</param>
public sealed record CalibrationResult(double? ZeroPoint, double? ZeroPointError, int Matched, int Used, double Rms, bool Flagged, string? Reason);
