namespace Nightshift.Activities.Kernels.Lap;

/// <summary>Small numeric helpers shared by the kernels. Loops are written out so that results are bit-reproducible.</summary>
internal static class ImageMath
{
    /// <summary>1.4826 × MAD estimates a Gaussian sigma.</summary>
    public const double MadToSigma = 1.4826;

    public static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[(n / 2) - 1] + values[n / 2]);
    }

    /// <summary>Median and MAD-based sigma of the values.</summary>
    public static (double Median, double Sigma) RobustStats(List<double> values)
    {
        var median = Median(values);
        var deviations = new List<double>(values.Count);
        foreach (var v in values)
        {
            deviations.Add(Math.Abs(v - median));
        }

        return (median, MadToSigma * Median(deviations));
    }

    /// <summary>A normalised 1-D Gaussian, radius ceil(4 sigma).</summary>
    public static double[] Gaussian1D(double sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(4 * sigma));
        var k = new double[(2 * radius) + 1];
        var sum = 0.0;
        for (var i = -radius; i <= radius; i++)
        {
            k[i + radius] = Math.Exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }

        for (var i = 0; i < k.Length; i++)
        {
            k[i] /= sum;
        }

        return k;
    }

    /// <summary>
    /// Separable convolution of <paramref name="data"/> with <paramref name="kernel"/> along both axes, ignoring pixels where
    /// <paramref name="use"/> is false (they contribute zero); edges are treated the same way.
    /// </summary>
    public static double[] ConvolveSeparable(double[] data, bool[] use, int width, int height, double[] kernel)
    {
        var radius = kernel.Length / 2;
        var temp = new double[data.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = 0.0;
                for (var k = -radius; k <= radius; k++)
                {
                    var xx = x + k;
                    if (xx >= 0 && xx < width && use[(y * width) + xx])
                    {
                        sum += kernel[k + radius] * data[(y * width) + xx];
                    }
                }

                temp[(y * width) + x] = sum;
            }
        }

        var result = new double[data.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = 0.0;
                for (var k = -radius; k <= radius; k++)
                {
                    var yy = y + k;
                    if (yy >= 0 && yy < height)
                    {
                        sum += kernel[k + radius] * temp[(yy * width) + x];
                    }
                }

                result[(y * width) + x] = sum;
            }
        }

        return result;
    }

    /// <summary>The Lanczos-3 kernel.</summary>
    public static double Lanczos3(double x)
    {
        if (x == 0)
        {
            return 1;
        }

        if (Math.Abs(x) >= 3)
        {
            return 0;
        }

        var px = Math.PI * x;
        return 3 * Math.Sin(px) * Math.Sin(px / 3) / (px * px);
    }

    /// <summary>
    /// A smooth background: the median of good pixels in boxes of <paramref name="box"/> pixels, interpolated bilinearly
    /// between box centres. Stars barely move a median, so no source masking is needed at this density.
    /// </summary>
    public static double[] Background(float[] data, int[] mask, int width, int height, int box)
    {
        var nx = Math.Max(1, (width + box - 1) / box);
        var ny = Math.Max(1, (height + box - 1) / box);
        var grid = new double[nx * ny];
        var all = new List<double>();
        for (var i = 0; i < data.Length; i++)
        {
            if (mask[i] == 0)
            {
                all.Add(data[i]);
            }
        }

        var global = all.Count > 0 ? Median(all) : 0.0;
        for (var by = 0; by < ny; by++)
        {
            for (var bx = 0; bx < nx; bx++)
            {
                var values = new List<double>();
                for (var y = by * box; y < Math.Min(height, (by + 1) * box); y++)
                {
                    for (var x = bx * box; x < Math.Min(width, (bx + 1) * box); x++)
                    {
                        var i = (y * width) + x;
                        if (mask[i] == 0)
                        {
                            values.Add(data[i]);
                        }
                    }
                }

                grid[(by * nx) + bx] = values.Count >= box ? Median(values) : global;
            }
        }

        var result = new double[data.Length];
        for (var y = 0; y < height; y++)
        {
            var gy = Math.Clamp(((y + 0.5) / box) - 0.5, 0, ny - 1);
            var y0 = Math.Min((int)gy, Math.Max(ny - 2, 0));
            var fy = ny > 1 ? gy - y0 : 0;
            for (var x = 0; x < width; x++)
            {
                var gx = Math.Clamp(((x + 0.5) / box) - 0.5, 0, nx - 1);
                var x0 = Math.Min((int)gx, Math.Max(nx - 2, 0));
                var fx = nx > 1 ? gx - x0 : 0;
                var x1 = Math.Min(x0 + 1, nx - 1);
                var y1 = Math.Min(y0 + 1, ny - 1);
                result[(y * width) + x] =
                    ((1 - fx) * (1 - fy) * grid[(y0 * nx) + x0]) + (fx * (1 - fy) * grid[(y0 * nx) + x1]) +
                    ((1 - fx) * fy * grid[(y1 * nx) + x0]) + (fx * fy * grid[(y1 * nx) + x1]);
            }
        }

        return result;
    }

    /// <summary>
    /// The Gaussian sigma (pixels) of the PSF from adaptive second moments of bright, unmasked, isolated stars in a
    /// background-subtracted image; NaN when no star qualifies.
    /// </summary>
    public static double MeasurePsfSigma(float[] data, float[] variance, int[] mask, int width, int height, double saturation)
    {
        const int r = 5;
        const int peakRadius = 3;
        var sigmas = new List<double>();
        for (var y = r; y < height - r; y++)
        {
            for (var x = r; x < width - r; x++)
            {
                var i = (y * width) + x;
                var peak = data[i];
                if (mask[i] != 0 || !(variance[i] > 0) || peak < 10 * Math.Sqrt(variance[i]) || peak > 0.5 * saturation)
                {
                    continue;
                }

                var isPeak = true;
                var clean = true;
                for (var dy = -r; dy <= r && isPeak && clean; dy++)
                {
                    for (var dx = -r; dx <= r; dx++)
                    {
                        var j = ((y + dy) * width) + x + dx;
                        if (mask[j] != 0)
                        {
                            clean = false;
                            break;
                        }

                        if ((dx != 0 || dy != 0) && Math.Abs(dx) <= peakRadius && Math.Abs(dy) <= peakRadius && data[j] >= peak)
                        {
                            isPeak = false;
                            break;
                        }
                    }
                }

                if (isPeak && clean)
                {
                    var s = AdaptiveSigma(data, width, x, y, r);
                    // Galaxies are broader than any seeing we expect; keep them out of the PSF.
                    if (s is > 0.5 and < 2.8)
                    {
                        sigmas.Add(s);
                    }
                }
            }
        }

        return sigmas.Count == 0 ? double.NaN : Median(sigmas);
    }

    private static double AdaptiveSigma(float[] data, int width, int cx, int cy, int r)
    {
        // With a Gaussian weight of the star's own width, the weighted second moment is sigma^2 / 2.
        var sw = 1.5;
        var mx = (double)cx;
        var my = (double)cy;
        for (var iteration = 0; iteration < 20; iteration++)
        {
            double s0 = 0, sx = 0, sy = 0, sxx = 0;
            for (var dy = -r; dy <= r; dy++)
            {
                for (var dx = -r; dx <= r; dx++)
                {
                    var px = cx + dx;
                    var py = cy + dy;
                    var ddx = px - mx;
                    var ddy = py - my;
                    var w = Math.Exp(-0.5 * ((ddx * ddx) + (ddy * ddy)) / (sw * sw)) * data[(py * width) + px];
                    s0 += w;
                    sx += w * ddx;
                    sy += w * ddy;
                    sxx += w * ((ddx * ddx) + (ddy * ddy));
                }
            }

            if (!(s0 > 0))
            {
                return double.NaN;
            }

            mx += sx / s0;
            my += sy / s0;
            var m = sxx / s0 / 2.0;
            var next = Math.Sqrt(Math.Max(2 * m, 0.01));
            if (Math.Abs(next - sw) < 1e-4)
            {
                sw = next;
                break;
            }

            sw = next;
        }

        // Pixelisation adds 1/12 pixel^2 to the variance of the sampled profile.
        return Math.Sqrt(Math.Max((sw * sw) - (1.0 / 12.0), 0.01));
    }
}
