namespace Nightshift.Activities.Kernels.Des;

/// <summary>The PSF model of one CCD: a circular Gaussian, pixel-integrated (written as JSON).</summary>
/// <param name="Sigma">Gaussian sigma, pixels.</param>
/// <param name="Stars">Stars whose fits were kept.</param>
/// <param name="Scatter">Robust scatter of the per-star sigmas, pixels.</param>
/// <param name="Flagged">True when too few stars were usable and the image-wide moment estimate was used instead.</param>
public sealed record PsfResult(double Sigma, int Stars, double Scatter, bool Flagged);
