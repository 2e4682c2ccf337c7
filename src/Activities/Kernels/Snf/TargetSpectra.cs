namespace Nightshift.Activities.Kernels.Snf;

/// <summary><c>targets/T/spectra.json</c>: extract_star's spectra of a target, one per good epoch.</summary>
internal sealed record TargetSpectra(string Target, double[] Wavelengths, IReadOnlyList<EpochSpectrum> Epochs);
