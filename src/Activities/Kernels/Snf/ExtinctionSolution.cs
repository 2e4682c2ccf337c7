namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// multi_standard's per-night solution: m = -2.5 log10(counts / (exptime · catalogue flux)) = Zp + K · airmass per
/// wavelength bin, fitted over the night's standards; Rms is the scatter of all standards about it (mag).
/// </summary>
internal sealed record ExtinctionSolution(string Night, double[] Wavelengths, double[] Zp, double[] K, double Rms, int Standards, IReadOnlyList<string> StandardIds);
