namespace Nightshift.Activities.Kernels.Snf;

/// <summary>The true supernova flux (photons/s per bin) at one epoch of a target.</summary>
internal sealed record EpochTruth(string Night, string Id, double Mjd, bool Reference, string? Bad, double[] Flux);
