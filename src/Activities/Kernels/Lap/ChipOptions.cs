namespace Nightshift.Activities.Kernels.Lap;

/// <summary>Thresholds of the chip stage.</summary>
public sealed record ChipOptions
{
    /// <summary>A pixel this many sky sigmas below the background is dead.</summary>
    public double DeadSigma { get; init; } = 5;

    /// <summary>A pixel this many sky sigmas above the background, and much brighter than its neighbours, is hot.</summary>
    public double HotSigma { get; init; } = 6;

    /// <summary>How much brighter (above background) than its brightest neighbour a hot pixel is; a star's peak never is.</summary>
    public double HotContrast { get; init; } = 2.5;

    /// <summary>Flat-field values below this mark a dead pixel.</summary>
    public double MinFlat { get; init; } = 0.5;

    /// <summary>Box size of the background grid, pixels.</summary>
    public int BackgroundBox { get; init; } = 32;

    /// <summary>Saturated regions are grown by this many pixels (the wings of a saturated star are not linear either).</summary>
    public int SaturationGrow { get; init; } = 5;

    /// <summary>Raw saturation level in ADU; null reads SATURATE from the header (65535 when absent).</summary>
    public double? SaturationLevel { get; init; }
}
