namespace Nightshift.Activities.Kernels.Snf;

/// <summary>How an exposure was made: its grey cloud transmission, seeing, and why it is bad (null when good).</summary>
internal sealed record ExposureTruth(string Id, string Kind, string Object, double Airmass, double Cloud, double SigmaReference, string? Bad);
