using System.Globalization;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>Where the products of one CCD of one exposure go, under a reduction directory; one name per stage.</summary>
/// <param name="Directory">The reduction directory.</param>
/// <param name="ExpNum">The exposure.</param>
/// <param name="Ccd">The CCD.</param>
public sealed record DesCcdProducts(string Directory, int ExpNum, int Ccd)
{
    private string Base => Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"D{ExpNum:D8}_c{Ccd:D2}"));

    /// <summary>Detrended image (detrend).</summary>
    public ImageProduct Detrended => ImageProduct.ForBase(Base + "_det");

    /// <summary>Detections with aperture photometry (extraction).</summary>
    public string Sources => Base + "_det.cat.csv";

    /// <summary>Detections with sky positions and reference matches (astrometry).</summary>
    public string AstrometryCatalog => Base + "_astro.cat.csv";

    /// <summary>The astrometric solution (astrometry).</summary>
    public string Astrometry => Base + "_astro.json";

    /// <summary>Sky-subtracted image on the fitted WCS (sky).</summary>
    public ImageProduct Sky => ImageProduct.ForBase(Base + "_sky");

    /// <summary>The PSF model (psf).</summary>
    public string Psf => Base + "_psf.json";

    /// <summary>The final catalogue with PSF photometry (catalog).</summary>
    public string Catalog => Base + "_cat.csv";

    /// <summary>The calibration (calibrate).</summary>
    public string Calibration => Base + "_zp.json";

    /// <summary>The base of the difference image and its candidates (diff).</summary>
    public string DiffBase => Base + "_diff";

    /// <summary>What difference imaging needs from this CCD as a template or as the search image.</summary>
    public DesTemplateInput AsDiffInput => new(Sky, Psf, Calibration);
}
