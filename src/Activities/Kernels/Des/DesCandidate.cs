namespace Nightshift.Activities.Kernels.Des;

/// <summary>A transient candidate found in a difference image (search brighter than template).</summary>
/// <param name="X">0-based x on the search CCD.</param>
/// <param name="Y">0-based y on the search CCD.</param>
/// <param name="RaDeg">Right ascension, degrees.</param>
/// <param name="DecDeg">Declination, degrees.</param>
/// <param name="Flux">PSF flux in the difference, search ADU.</param>
/// <param name="FluxError">Its error, ADU.</param>
/// <param name="Snr">Significance, after renormalisation by the difference's own noise.</param>
/// <param name="Mag">Calibrated magnitude with the search CCD's zero point.</param>
public sealed record DesCandidate(double X, double Y, double RaDeg, double DecDeg, double Flux, double FluxError, double Snr, double Mag);
