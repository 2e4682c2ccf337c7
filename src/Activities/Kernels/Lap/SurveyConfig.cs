namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// The knobs of the synthetic LAP survey. The defaults give the demo: 2 projection cells of 2×2 skycells, 10 exposures of
/// 128×128 pixels per cell (4 pairs, 1 private, 1 junk; one pair member bad, one with a satellite streak).
/// </summary>
public sealed record SurveyConfig
{
    /// <summary>Everything random derives from this seed.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of projection cells, laid out along RA.</summary>
    public int ProjectionCellCount { get; init; } = 2;

    /// <summary>Skycells per side of a projection cell.</summary>
    public int SkycellsPerSide { get; init; } = 2;

    /// <summary>Skycell size in pixels.</summary>
    public int SkycellSize { get; init; } = 72;

    /// <summary>Exposure (chip) size in pixels.</summary>
    public int ExposureSize { get; init; } = 128;

    /// <summary>Pixel scale of exposures and skycells, arcseconds.</summary>
    public double PixelScaleArcsec { get; init; } = 1.0;

    /// <summary>The filter of every exposure.</summary>
    public string Filter { get; init; } = "r";

    /// <summary>Distinct pair targets (OBJECT values) per projection cell.</summary>
    public int PairObjectsPerCell { get; init; } = 2;

    /// <summary>Nights on which each pair target is visited twice.</summary>
    public int NightsPerCell { get; init; } = 2;

    /// <summary>Exposures without a companion per projection cell.</summary>
    public int PrivatePerCell { get; init; } = 1;

    /// <summary>Focus/test exposures per projection cell.</summary>
    public int JunkPerCell { get; init; } = 1;

    /// <summary>Exposures per projection cell with many dead columns (bad fraction above 5%).</summary>
    public int BadPerCell { get; init; } = 1;

    /// <summary>Exposures per projection cell crossed by a satellite streak.</summary>
    public int StreaksPerCell { get; init; } = 1;

    /// <summary>Transients injected into each usable exposure.</summary>
    public int TransientsPerExposure { get; init; } = 3;

    /// <summary>Lower end of the designed pair-difference S/N of transients.</summary>
    public double TransientSnrMin { get; init; } = 8;

    /// <summary>Upper end of the designed pair-difference S/N of transients.</summary>
    public double TransientSnrMax { get; init; } = 30;

    /// <summary>Stars per projection cell bright enough to saturate.</summary>
    public int SaturatedStarsPerCell { get; init; } = 1;

    /// <summary>Stars per projection cell (power-law fluxes).</summary>
    public int StarsPerCell { get; init; } = 80;

    /// <summary>Faintest star flux, electrons.</summary>
    public double StarFluxMin { get; init; } = 300;

    /// <summary>Index α of the cumulative counts N(&gt;F) ∝ F^-α.</summary>
    public double StarPowerLawIndex { get; init; } = 1.2;

    /// <summary>Brightest random star flux, electrons (the extra saturated star is brighter).</summary>
    public double StarFluxMax { get; init; } = 200_000;

    /// <summary>Gaussian galaxies per projection cell.</summary>
    public int ExtendedSourcesPerCell { get; init; } = 2;

    /// <summary>Mean sky level, electrons per pixel.</summary>
    public double SkyLevel { get; init; } = 200;

    /// <summary>Bias level, ADU.</summary>
    public double BiasLevel { get; init; } = 1000;

    /// <summary>Read noise, electrons.</summary>
    public double ReadNoise { get; init; } = 5;

    /// <summary>Gain, electrons per ADU.</summary>
    public double Gain { get; init; } = 1.0;

    /// <summary>Raw level (ADU) from which a pixel is saturated.</summary>
    public double SaturationLevel { get; init; } = 60_000;

    /// <summary>Smallest PSF Gaussian sigma, pixels.</summary>
    public double SeeingSigmaMin { get; init; } = 1.3;

    /// <summary>Largest PSF Gaussian sigma, pixels.</summary>
    public double SeeingSigmaMax { get; init; } = 1.7;

    /// <summary>Largest pointing offset from the projection cell centre, pixels per axis.</summary>
    public double MaxPointingOffsetPixels { get; init; } = 12;

    /// <summary>Largest rotation of an exposure relative to the skycells, degrees.</summary>
    public double MaxRotationDeg { get; init; } = 0.5;

    /// <summary>Fraction of columns that are dead in a bad exposure.</summary>
    public double BadExposureDeadColumnFraction { get; init; } = 0.10;
}
