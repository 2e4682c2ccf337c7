namespace Nightshift.Activities.Facet;

/// <summary>The imaging and calibration settings the facet activities share (from the parset).</summary>
public sealed record FacetSettings
{
    /// <summary>Directions within this radius of the field centre are facets; beyond it, patches.</summary>
    public double FacetingRadiusDeg { get; init; } = 1.0;

    /// <summary>Primary-beam FWHM used for the model and the mosaic's correction, degrees.</summary>
    public double BeamFwhmDeg { get; init; } = 4.0;

    /// <summary>Facet image size, pixels.</summary>
    public int ImageSize { get; init; } = 64;

    /// <summary>Pixel size, arcseconds.</summary>
    public double CellArcsec { get; init; } = 60;

    /// <summary>Mosaic size, pixels.</summary>
    public int MosaicSize { get; init; } = 128;

    /// <summary>Radius of the calibrator region in which verification looks for residuals, degrees.</summary>
    public double CalRadiusDeg { get; init; } = 0.15;

    /// <summary>Verification: the peak residual after subtraction must stay below this, Jy/beam.</summary>
    public double VerifyPeakResidualJy { get; init; } = 0.5;

    /// <summary>Verification: the peak residual after subtraction must not exceed this many times the one before.</summary>
    public double VerifyMaxGrowth { get; init; } = 4.0;

    /// <summary>Solver sweeps over the jointly solved directions per selfcal cycle.</summary>
    public int SweepsPerCycle { get; init; } = 2;
}
