namespace Nightshift.Activities.Kernels.Lap;

/// <summary>A source found in a difference image. Negative flux means brighter in the template.</summary>
/// <param name="X">0-based x on the skycell.</param>
/// <param name="Y">0-based y on the skycell.</param>
/// <param name="RaDeg">Right ascension, degrees.</param>
/// <param name="DecDeg">Declination, degrees.</param>
/// <param name="Flux">PSF-fitted flux, ADU.</param>
/// <param name="FluxError">Its one-sigma error, ADU.</param>
/// <param name="Significance">Flux over error (signed).</param>
public sealed record DiffDetection(double X, double Y, double RaDeg, double DecDeg, double Flux, double FluxError, double Significance);
