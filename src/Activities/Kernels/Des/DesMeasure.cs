using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>Pixel measurements shared by the DES kernels: windowed centroids, adaptive sizes, peaks and aperture sums.</summary>
internal static class DesMeasure
{
    /// <summary>
    /// Gaussian-windowed centroid and adaptive size (the window follows the source's own sigma), as SExtractor's XWIN:
    /// unbiased for a symmetric profile and far less noisy than an unweighted first moment. Masked pixels are skipped.
    /// </summary>
    public static (double X, double Y, double Size) Windowed(float[] data, int[] mask, int w, int h, double x0, double y0, double startSigma)
    {
        var mx = x0;
        var my = y0;
        var sw = startSigma;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            var r = (int)Math.Ceiling(3 * sw);
            double s0 = 0, sx = 0, sy = 0, sxx = 0;
            var cx = (int)Math.Round(mx);
            var cy = (int)Math.Round(my);
            for (var y = Math.Max(0, cy - r); y <= Math.Min(h - 1, cy + r); y++)
            {
                for (var x = Math.Max(0, cx - r); x <= Math.Min(w - 1, cx + r); x++)
                {
                    var i = (y * w) + x;
                    if (mask[i] != 0)
                    {
                        continue;
                    }

                    var dx = x - mx;
                    var dy = y - my;
                    var g = Math.Exp(-0.5 * ((dx * dx) + (dy * dy)) / (sw * sw)) * data[i];
                    s0 += g;
                    sx += g * dx;
                    sy += g * dy;
                    sxx += g * ((dx * dx) + (dy * dy));
                }
            }

            if (!(s0 > 0))
            {
                return (x0, y0, double.NaN);
            }

            // Windowed centroids converge to the true centre with a step of twice the first moment.
            var stepX = Math.Clamp(2 * sx / s0, -1, 1);
            var stepY = Math.Clamp(2 * sy / s0, -1, 1);
            mx += stepX;
            my += stepY;
            var next = Math.Clamp(Math.Sqrt(Math.Max(sxx / s0, 0.02)), 0.5, 6);
            var done = Math.Abs(stepX) < 1e-4 && Math.Abs(stepY) < 1e-4 && Math.Abs(next - sw) < 1e-3;
            sw = next;
            if (done || Math.Abs(mx - x0) > 3 || Math.Abs(my - y0) > 3)
            {
                break;
            }
        }

        if (Math.Abs(mx - x0) > 3 || Math.Abs(my - y0) > 3)
        {
            return (x0, y0, double.NaN);
        }

        // With a Gaussian window of the source's own width the weighted second moment is sigma^2 / 2 per axis, sigma^2 in total
        // over both; pixelisation adds 1/12.
        return (mx, my, Math.Sqrt(Math.Max((sw * sw) - (1.0 / 12.0), 0.01)));
    }

    /// <summary>Sum, variance and flags of a circular aperture.</summary>
    public static (double Flux, double Variance, int Flags) Aperture(float[] data, float[] variance, int[] mask, int w, int h, double cx, double cy, double radius)
    {
        var flags = 0;
        double sum = 0, var = 0;
        var r = (int)Math.Ceiling(radius);
        for (var y = (int)Math.Round(cy) - r; y <= (int)Math.Round(cy) + r; y++)
        {
            for (var x = (int)Math.Round(cx) - r; x <= (int)Math.Round(cx) + r; x++)
            {
                if (((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) > radius * radius)
                {
                    continue;
                }

                if (x < 0 || x >= w || y < 0 || y >= h)
                {
                    flags |= DesSource.FlagEdge;
                    continue;
                }

                var i = (y * w) + x;
                if (mask[i] != 0)
                {
                    flags |= DesSource.FlagMasked;
                    if ((mask[i] & (int)PixelMask.Saturated) != 0)
                    {
                        flags |= DesSource.FlagSaturated;
                    }

                    continue;
                }

                sum += data[i];
                var += variance[i];
            }
        }

        return (sum, var, flags);
    }

    /// <summary>True when (x, y) holds the largest value within <paramref name="radius"/> (ties go to the earlier pixel).</summary>
    public static bool IsPeak(double[] values, bool[] valid, int w, int h, int x, int y, int radius)
    {
        var i = (y * w) + x;
        var v = values[i];
        for (var yy = Math.Max(0, y - radius); yy <= Math.Min(h - 1, y + radius); yy++)
        {
            for (var xx = Math.Max(0, x - radius); xx <= Math.Min(w - 1, x + radius); xx++)
            {
                var j = (yy * w) + xx;
                if (j != i && valid[j] && (values[j] > v || (values[j] == v && j < i)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A matched-filter significance image: the data and variance convolved with a Gaussian PSF of <paramref name="sigma"/>
    /// (masked pixels left out), divided. <paramref name="valid"/> tells where at least <paramref name="minCoverage"/> of the
    /// filter's weight fell on good pixels. Also returns the PSF flux estimate per pixel.
    /// </summary>
    public static (double[] Snr, bool[] Valid, double[] Flux, double[] FluxError) MatchedFilter(double[] data, double[] variance, bool[] use, int w, int h,
        double sigma, double minCoverage)
    {
        var k = ImageMath.Gaussian1D(sigma);
        var k2 = k.Select(v => v * v).ToArray();
        var sumK2 = k2.Sum() * k2.Sum();
        var ones = new double[data.Length];
        for (var i = 0; i < ones.Length; i++)
        {
            ones[i] = 1;
        }

        var filtered = ImageMath.ConvolveSeparable(data, use, w, h, k);
        var filteredVar = ImageMath.ConvolveSeparable(variance, use, w, h, k2);
        var weight = ImageMath.ConvolveSeparable(ones, use, w, h, k2);
        var snr = new double[data.Length];
        var valid = new bool[data.Length];
        var flux = new double[data.Length];
        var fluxError = new double[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            if (use[i] && weight[i] / sumK2 >= minCoverage && filteredVar[i] > 0)
            {
                valid[i] = true;
                snr[i] = filtered[i] / Math.Sqrt(filteredVar[i]);
                // For a Gaussian PSF P normalised to unit sum, sum(P D) / sum(P^2) is the PSF flux; the kernel here is the PSF
                // sampled at pixel centres, normalised to unit sum.
                flux[i] = filtered[i] / weight[i];
                fluxError[i] = Math.Sqrt(filteredVar[i]) / weight[i];
            }
        }

        return (snr, valid, flux, fluxError);
    }
}
