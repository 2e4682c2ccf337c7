using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// Source extraction: estimate and subtract a smooth background, detect peaks of a Gaussian matched filter above a
/// significance threshold, then measure each source's windowed centroid, adaptive size and aperture flux.
/// </summary>
public static class ExtractKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-extract";

    /// <summary>Detection threshold, in sigma of the matched filter.</summary>
    public const double Threshold = 5.0;

    /// <summary>Aperture radius, pixels.</summary>
    public const double ApertureRadius = 7.0;

    private const int BackgroundBox = 64;
    private const double FilterSigma = 1.7;

    /// <summary>Extracts sources from the detrended <paramref name="image"/>; writes the catalogue to <paramref name="catalog"/>.</summary>
    public static ExtractResult Run(ImageProduct image, string catalog)
    {
        var input = LapImage.Read(image);
        var w = input.Width;
        var h = input.Height;
        var n = input.Count;
        var background = ImageMath.Background(input.Data, input.Mask, w, h, BackgroundBox);
        var sub = new float[n];
        var data = new double[n];
        var variance = new double[n];
        var use = new bool[n];
        var residuals = new List<double>();
        for (var i = 0; i < n; i++)
        {
            use[i] = input.Mask[i] == 0;
            sub[i] = use[i] ? (float)(input.Data[i] - background[i]) : 0f;
            data[i] = sub[i];
            variance[i] = use[i] ? input.Variance[i] : 0;
            if (use[i] && i % 7 == 0)
            {
                residuals.Add(sub[i]);
            }
        }

        var (_, noise) = ImageMath.RobustStats(residuals);
        var (snr, valid, _, _) = DesMeasure.MatchedFilter(data, variance, use, w, h, FilterSigma, 0.5);
        var sources = new List<DesSource>();
        for (var y = 2; y < h - 2; y++)
        {
            for (var x = 2; x < w - 2; x++)
            {
                var i = (y * w) + x;
                if (!valid[i] || snr[i] < Threshold || !DesMeasure.IsPeak(snr, valid, w, h, x, y, 3))
                {
                    continue;
                }

                var (cx, cy, size) = DesMeasure.Windowed(sub, input.Mask, w, h, x, y, 2.0);
                var (flux, fluxVar, flags) = DesMeasure.Aperture(sub, input.Variance, input.Mask, w, h, cx, cy, ApertureRadius);
                var error = Math.Sqrt(fluxVar);
                sources.Add(new DesSource(sources.Count + 1, cx, cy, flux, error, error > 0 ? flux / error : 0, size, flags));
            }
        }

        DesSourceCatalog.Write(catalog, sources);
        var bgValues = background.Where((_, i) => use[i]).ToList();
        return new ExtractResult(catalog, sources.Count, ImageMath.Median(bgValues), noise);
    }
}
