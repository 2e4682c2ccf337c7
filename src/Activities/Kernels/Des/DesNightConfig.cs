namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// What the synthetic DECam-like night holds. The defaults make a whole night (62 CCDs per exposure); tests pass a few
/// CCDs in <see cref="Ccds"/> so that only those are rendered, with everything else (sky, pointings, truth) unchanged.
/// </summary>
public sealed record DesNightConfig
{
    /// <summary>Seed of every random draw; the same configuration always gives byte-identical files.</summary>
    public int Seed { get; init; } = 20170817;

    /// <summary>The night, as DES writes it (YYYYMMDD).</summary>
    public string Night { get; init; } = "20170817";

    /// <summary>The filter of every exposure.</summary>
    public string Band { get; init; } = "i";

    /// <summary>How many fields (pointings) the night observes.</summary>
    public int Fields { get; init; } = 2;

    /// <summary>Template exposures per field (taken before the night, as the templates of a search).</summary>
    public int TemplatesPerField { get; init; } = 1;

    /// <summary>Search exposures per field.</summary>
    public int SearchesPerField { get; init; } = 1;

    /// <summary>The CCDs rendered (1-62); null renders all of them.</summary>
    public IReadOnlyList<int>? Ccds { get; init; }

    /// <summary>CCDs that the processing configuration leaves out, as DES does with 2 and 61.</summary>
    public IReadOnlyList<int> ExcludedCcds { get; init; } = [2, 61];

    /// <summary>CCD width (NAXIS1), pixels.</summary>
    public int CcdWidth { get; init; } = 512;

    /// <summary>CCD height (NAXIS2), pixels.</summary>
    public int CcdHeight { get; init; } = 256;

    /// <summary>Pixel scale, arcseconds. Coarser than DECam's 0.263" so that a small CCD still holds enough stars.</summary>
    public double PixelScaleArcsec { get; init; } = 1.0;

    /// <summary>Stars per square degree, magnitudes 14 to 23.5.</summary>
    public double StarDensity { get; init; } = 9000;

    /// <summary>Galaxies per square degree, magnitudes 18 to 23.</summary>
    public double GalaxyDensity { get; init; } = 5000;

    /// <summary>Faintest magnitude in the GAIA-style reference catalogue.</summary>
    public double ReferenceLimit { get; init; } = 21.0;

    /// <summary>Transients injected into every rendered CCD of a search exposure.</summary>
    public int TransientsPerCcd { get; init; } = 6;

    /// <summary>Sources present in the templates only (faded variables), per rendered CCD of the field.</summary>
    public int TemplateOnlyPerCcd { get; init; } = 2;

    /// <summary>
    /// The CCD whose footprint the reference catalogue barely covers (a catalogue gap): calibration must flag it.
    /// Null for none.
    /// </summary>
    public int? SparseCcd { get; init; } = 45;

    /// <summary>
    /// The CCD whose raw file is truncated in the last search exposure, as a transfer that failed half-way. Null for none.
    /// </summary>
    public int? CorruptCcd { get; init; } = 17;
}
