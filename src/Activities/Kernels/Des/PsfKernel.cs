using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// The PSF model of a CCD: a pixel-integrated Gaussian fitted to every bright, isolated, unflagged source that astrometry
/// matched to a reference star (the reference catalogue holds stars only, so galaxies stay out), combined by a clipped
/// median. With too few stars the image-wide adaptive-moment estimate is used, and the model is flagged.
/// </summary>
public static class PsfKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-psf";

    /// <summary>Fewer stars than this flag the model.</summary>
    public const int MinimumStars = 5;

    /// <summary>Fits the PSF of <paramref name="image"/> (sky-subtracted) from the matched stars of <paramref name="catalog"/>.</summary>
    public static PsfResult Run(ImageProduct image, string catalog, string outputModel)
    {
        var input = LapImage.Read(image);
        var sources = DesSourceCatalog.Read(catalog);
        var saturation = input.Header.GetDouble("SATURATE", 62000);
        var start = ImageMath.MeasurePsfSigma(input.Data, input.Variance, input.Mask, input.Width, input.Height, saturation);
        if (double.IsNaN(start))
        {
            start = 1.8;
        }

        var sigmas = new List<double>();
        foreach (var s in sources.Where(s => s.RefId >= 0 && s.Flags == 0 && s.Snr >= 30))
        {
            if (sources.Any(o => o.Id != s.Id && Math.Abs(o.X - s.X) < 12 && Math.Abs(o.Y - s.Y) < 12))
            {
                continue;
            }

            var fit = DesPsfFit.Fit(input.Data, input.Variance, input.Mask, input.Width, input.Height, s.X, s.Y, start, 8);
            if (fit is { } f && f.Flux > 0)
            {
                sigmas.Add(f.Sigma);
            }
        }

        PsfResult result;
        if (sigmas.Count < MinimumStars)
        {
            result = new PsfResult(start, sigmas.Count, double.NaN, true);
        }
        else
        {
            var (median, scatter) = ImageMath.RobustStats([.. sigmas]);
            var kept = sigmas.Where(v => Math.Abs(v - median) <= 3 * Math.Max(scatter, 0.01)).ToList();
            result = new PsfResult(ImageMath.Median(kept), kept.Count, scatter, false);
        }

        LapKernelJson.Write(outputModel, result);
        return result;
    }

    /// <summary>Reads a model written by <see cref="Run"/>.</summary>
    public static PsfResult ReadModel(string path) => DesNight.Read<PsfResult>(path);
}
