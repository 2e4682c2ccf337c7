namespace Nightshift.Activities.Kernels.Des;

/// <summary>What source extraction found on one CCD.</summary>
/// <param name="Catalog">The catalogue written (CSV).</param>
/// <param name="Sources">How many sources it holds.</param>
/// <param name="Background">Median background, ADU.</param>
/// <param name="Noise">Robust pixel noise after background subtraction, ADU.</param>
public sealed record ExtractResult(string Catalog, int Sources, double Background, double Noise);
