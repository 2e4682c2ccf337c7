namespace Nightshift.Activities.Kernels.Facet;

/// <summary>Criteria for choosing calibrators automatically (Factor's <c>[directions]</c> parset section).</summary>
public sealed record DirectionSelectionOptions
{
    /// <summary>Minimum apparent flux, Jy.</summary>
    public double MinFluxJy { get; init; } = 2.0;

    /// <summary>Maximum source size, arcseconds.</summary>
    public double MaxSizeArcsec { get; init; } = 60;

    /// <summary>Maximum separation from the field centre, degrees.</summary>
    public double MaxSeparationDeg { get; init; } = 2.0;

    /// <summary>Maximum number of directions.</summary>
    public int MaxCount { get; init; } = 10;
}
