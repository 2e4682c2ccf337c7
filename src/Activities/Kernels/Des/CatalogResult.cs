namespace Nightshift.Activities.Kernels.Des;

/// <summary>What PSF photometry produced for one CCD.</summary>
/// <param name="Catalog">The catalogue written (CSV), with PSF fluxes.</param>
/// <param name="Sources">Sources in it.</param>
/// <param name="Measured">Sources with a PSF flux.</param>
public sealed record CatalogResult(string Catalog, int Sources, int Measured);
