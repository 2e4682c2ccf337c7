namespace Nightshift.Activities.Kernels.Snf;

/// <summary>extract_star's PSF-fit photometry of a standard star cube: flux (counts) and PSF width per wavelength bin.</summary>
internal sealed record StarSpectrum(string Id, string Object, double Airmass, double Exptime, double Mjd, double X0, double Y0, double SigmaReference, double Alpha, double[] Flux, double[] Sigma);
