namespace Nightshift.Activities.Kernels.Lap;

/// <summary>What the warp stage produced for one exposure: one warp per overlapped skycell.</summary>
/// <param name="Exposure">EXPNAME of the exposure.</param>
/// <param name="Warps">The warps, in skycell order.</param>
public sealed record WarpResult(string Exposure, IReadOnlyList<WarpOutput> Warps)
{
    /// <summary>The bad fraction of the exposure at the warp stage: masked over covered pixels, across all its warps.</summary>
    public double BadFraction => Warps.Count == 0 ? 1.0 : Warps.Sum(w => w.BadFraction * w.CoveredFraction) / Warps.Sum(w => w.CoveredFraction);
}
