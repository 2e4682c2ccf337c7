namespace Nightshift.Activities.Kernels.Snf;

/// <summary>The calibrated point-source spectrum (photons/s per bin) of one epoch, after host subtraction.</summary>
internal sealed record EpochSpectrum(string Id, string Night, double Mjd, bool Photometric, bool Reference, double[] Flux);
