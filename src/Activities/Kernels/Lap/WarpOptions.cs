namespace Nightshift.Activities.Kernels.Lap;

/// <summary>Options of the warp stage.</summary>
public sealed record WarpOptions
{
    /// <summary>Skycells that the exposure covers less than this fraction of are not written.</summary>
    public double MinCoveredFraction { get; init; } = 0.05;
}
