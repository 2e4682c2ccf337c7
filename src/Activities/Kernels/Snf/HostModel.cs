namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// cubefit's model common to all epochs: the host galaxy (Gaussian of width HostSigma at HostX, HostY, flux Host per
/// bin, seen through each epoch's PSF) and the point source position; SupernovaFlux is cubefit's own per-epoch estimate.
/// </summary>
internal sealed record HostModel(string Target, double SourceX, double SourceY, double HostX, double HostY, double HostSigma, double[] Host, IReadOnlyDictionary<string, double[]> SupernovaFlux, double Chi2);
