namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// The single-epoch chain of one CCD run in process, stage after stage (detrend, extraction, astrometry, sky, PSF,
/// catalogue, calibration), as <c>SE_job_mod.sh -c N</c> does; the orchestrations call the stages one by one instead.
/// </summary>
public static class DesCcdChain
{
    /// <summary>Runs every stage for CCD <paramref name="ccd"/> of exposure <paramref name="expNum"/>; returns the products and the calibration.</summary>
    public static (DesCcdProducts Products, AstrometryResult Astrometry, PsfResult Psf, CalibrationResult Calibration) Run(
        DesNight night, int expNum, int ccd, string reductionDirectory)
    {
        ArgumentNullException.ThrowIfNull(night);
        var p = new DesCcdProducts(reductionDirectory, expNum, ccd);
        DetrendKernel.Run(night.Raw(expNum, ccd), night.Bias(ccd), night.Flat(ccd), night.BadPixelMask(ccd), p.Detrended.Image[..^".fits".Length]);
        ExtractKernel.Run(p.Detrended, p.Sources);
        var astrometry = AstrometryKernel.Run(p.Detrended.Image, p.Sources, night.ReferenceCatalog, p.AstrometryCatalog, p.Astrometry);
        SkyKernel.Run(p.Detrended, p.AstrometryCatalog, p.Astrometry, p.Sky.Image[..^".fits".Length]);
        var psf = PsfKernel.Run(p.Sky, p.AstrometryCatalog, p.Psf);
        CatalogKernel.Run(p.Sky, p.AstrometryCatalog, p.Psf, p.Catalog);
        var calibration = CalibrationKernel.Run(p.Catalog, p.Calibration);
        return (p, astrometry, psf, calibration);
    }
}
