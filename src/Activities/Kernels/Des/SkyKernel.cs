using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// Sky subtraction: a smooth sky model from box medians of pixels away from every catalogued source (each masked out to
/// where its profile falls below the noise), interpolated across the CCD and subtracted. The output carries the fitted WCS
/// from astrometry, so every later product is on the solved astrometry.
/// </summary>
public static class SkyKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-sky";

    private const int Box = 64;

    /// <summary>Subtracts the sky from <paramref name="image"/> using the sources of <paramref name="catalog"/> as a mask.</summary>
    public static SkyResult Run(ImageProduct image, string catalog, string astrometrySolution, string outputBase)
    {
        var input = LapImage.Read(image);
        var sources = DesSourceCatalog.Read(catalog);
        var solution = AstrometryKernel.ReadSolution(astrometrySolution);
        var w = input.Width;
        var h = input.Height;
        var noise = Math.Sqrt(ImageMath.Median([.. input.Variance.Where((_, i) => input.Mask[i] == 0).Select(v => (double)v)]));
        var skyMask = (int[])input.Mask.Clone();
        foreach (var s in sources)
        {
            // The radius where a Gaussian of the source's size and flux drops below the pixel noise, plus a pixel.
            var size = double.IsNaN(s.Size) ? 2.0 : Math.Max(s.Size, 1.0);
            var peak = Math.Max(s.FluxAper, 0) / (2 * Math.PI * size * size);
            var r = Math.Clamp((size * Math.Sqrt(2 * Math.Log(Math.Max(peak / Math.Max(noise, 1e-6), 1.0)))) + 2, 4, 40);
            var ri = (int)Math.Ceiling(r);
            for (var y = Math.Max(0, (int)s.Y - ri); y <= Math.Min(h - 1, (int)s.Y + ri); y++)
            {
                for (var x = Math.Max(0, (int)s.X - ri); x <= Math.Min(w - 1, (int)s.X + ri); x++)
                {
                    if (((x - s.X) * (x - s.X)) + ((y - s.Y) * (y - s.Y)) <= r * r)
                    {
                        skyMask[(y * w) + x] |= (int)PixelMask.NoData;
                    }
                }
            }
        }

        var sky = ImageMath.Background(input.Data, skyMask, w, h, Box);
        var output = new LapImage(w, h, input.Header.Clone(), solution.Wcs);
        var residuals = new List<double>();
        for (var i = 0; i < input.Count; i++)
        {
            output.Mask[i] = input.Mask[i];
            output.Variance[i] = input.Variance[i];
            output.Data[i] = input.Mask[i] == 0 ? (float)(input.Data[i] - sky[i]) : 0f;
            if (skyMask[i] == 0)
            {
                residuals.Add(output.Data[i]);
            }
        }

        var level = ImageMath.Median([.. sky]);
        var range = sky.Max() - sky.Min();
        var (_, rms) = ImageMath.RobustStats(residuals);
        output.Header.Set("SKYSUB", level, "median sky subtracted [ADU]");
        output.Header.Set("SKYRANGE", range, "range of the sky model [ADU]");
        output.Header.Set("ASTRORMS", double.IsNaN(solution.RmsPixels) ? -1.0 : solution.RmsPixels, "astrometric rms [pixel]");
        output.Header.Set("ASTRONM", solution.Matched, "astrometric matches");
        var product = ImageProduct.ForBase(outputBase);
        output.Write(product);
        return new SkyResult(product, level, range, rms);
    }
}
