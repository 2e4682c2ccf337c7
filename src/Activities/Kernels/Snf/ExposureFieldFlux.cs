namespace Nightshift.Activities.Kernels.Snf;

/// <summary>photometric_ratios' PSF-fit fluxes (counts) of the field stars on one science exposure's photometric channel.</summary>
internal sealed record ExposureFieldFlux(string Id, string Target, double Mjd, double Exptime, double Airmass, double Sigma, double[] Fluxes);
