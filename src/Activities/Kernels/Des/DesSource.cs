namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// One row of a CCD's source catalogue. Extraction fills position, aperture photometry, size and flags; astrometry adds
/// sky position and the reference match; the catalogue stage adds PSF photometry. Values not yet measured are NaN
/// (and <see cref="RefId"/> is -1 when unmatched).
/// </summary>
/// <param name="Id">Running number within the CCD.</param>
/// <param name="X">0-based x (windowed centroid, then PSF fit).</param>
/// <param name="Y">0-based y.</param>
/// <param name="FluxAper">Background-subtracted flux in the aperture, ADU.</param>
/// <param name="FluxAperErr">Its error, ADU.</param>
/// <param name="Snr">Aperture S/N.</param>
/// <param name="Size">Gaussian sigma from adaptive moments, pixels (stars have the PSF's, galaxies more).</param>
/// <param name="Flags">1 touches a masked pixel, 2 near the edge, 4 saturated.</param>
/// <param name="RaDeg">Right ascension from the fitted WCS, degrees.</param>
/// <param name="DecDeg">Declination, degrees.</param>
/// <param name="RefId">Matched reference star, or -1.</param>
/// <param name="RefMag">The reference star's magnitude.</param>
/// <param name="FluxPsf">PSF-fitted flux, ADU.</param>
/// <param name="FluxPsfErr">Its error, ADU.</param>
public sealed record DesSource(int Id, double X, double Y, double FluxAper, double FluxAperErr, double Snr, double Size, int Flags,
    double RaDeg = double.NaN, double DecDeg = double.NaN, long RefId = -1, double RefMag = double.NaN,
    double FluxPsf = double.NaN, double FluxPsfErr = double.NaN)
{
    /// <summary>Flag: a masked pixel in the aperture.</summary>
    public const int FlagMasked = 1;

    /// <summary>Flag: the aperture runs off the CCD.</summary>
    public const int FlagEdge = 2;

    /// <summary>Flag: saturated.</summary>
    public const int FlagSaturated = 4;

    /// <summary>Instrumental PSF magnitude, -2.5 log10(FluxPsf); NaN when the flux is not positive.</summary>
    public double MagPsf => FluxPsf > 0 ? -2.5 * Math.Log10(FluxPsf) : double.NaN;
}
