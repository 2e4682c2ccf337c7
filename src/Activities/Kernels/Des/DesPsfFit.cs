using MathNet.Numerics.LinearAlgebra;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>Least-squares fits of a pixel-integrated circular Gaussian to a stamp of a sky-subtracted image.</summary>
internal static class DesPsfFit
{
    /// <summary>
    /// Fits flux, centre and (unless <paramref name="fixedSigma"/> is given) sigma by Gauss-Newton with numerical derivatives.
    /// Pixels are weighted equally (the sky variance): data-dependent weights would bias bright fluxes low.
    /// Returns null when the fit does not converge or a masked pixel sits inside the core.
    /// </summary>
    public static (double Flux, double X, double Y, double Sigma, double FluxError)? Fit(float[] data, float[] variance, int[] mask, int w, int h,
        double x0, double y0, double sigma0, int radius, double? fixedSigma = null)
    {
        var cx = (int)Math.Round(x0);
        var cy = (int)Math.Round(y0);
        if (cx - radius < 0 || cy - radius < 0 || cx + radius >= w || cy + radius >= h)
        {
            return null;
        }

        var pixels = new List<(int X, int Y, double D, double V)>();
        for (var y = cy - radius; y <= cy + radius; y++)
        {
            for (var x = cx - radius; x <= cx + radius; x++)
            {
                var i = (y * w) + x;
                if (mask[i] != 0)
                {
                    if (Math.Abs(x - x0) <= 2 && Math.Abs(y - y0) <= 2)
                    {
                        return null;
                    }

                    continue;
                }

                pixels.Add((x, y, data[i], variance[i]));
            }
        }

        var fitSigma = fixedSigma is null;
        var p = new[] { 0.0, x0, y0, fixedSigma ?? sigma0 };
        p[0] = Math.Max(FluxFor(pixels, p[1], p[2], p[3]), 1e-3);
        var nParams = fitSigma ? 4 : 3;
        for (var iteration = 0; iteration < 25; iteration++)
        {
            var jt = Matrix<double>.Build.Dense(pixels.Count, nParams);
            var r = Vector<double>.Build.Dense(pixels.Count);
            var model = Model(pixels, p);
            for (var k = 0; k < pixels.Count; k++)
            {
                r[k] = pixels[k].D - model[k];
            }

            for (var j = 0; j < nParams; j++)
            {
                var step = j == 0 ? Math.Max(Math.Abs(p[0]) * 1e-4, 1e-6) : 1e-4;
                var q = (double[])p.Clone();
                q[j] += step;
                var shifted = Model(pixels, q);
                for (var k = 0; k < pixels.Count; k++)
                {
                    jt[k, j] = (shifted[k] - model[k]) / step;
                }
            }

            var delta = jt.TransposeThisAndMultiply(jt).Solve(jt.TransposeThisAndMultiply(r));
            if (delta.Any(double.IsNaN))
            {
                return null;
            }

            // Damped steps keep a faint or blended source from being thrown across the stamp.
            p[0] += delta[0];
            p[1] += Math.Clamp(delta[1], -0.5, 0.5);
            p[2] += Math.Clamp(delta[2], -0.5, 0.5);
            if (fitSigma)
            {
                p[3] = Math.Clamp(p[3] + Math.Clamp(delta[3], -0.3, 0.3), 0.4, 8);
            }

            if (Math.Abs(delta[1]) < 1e-5 && Math.Abs(delta[2]) < 1e-5 && Math.Abs(delta[0]) < 1e-6 * Math.Max(Math.Abs(p[0]), 1))
            {
                break;
            }
        }

        if (Math.Abs(p[1] - x0) > 2 || Math.Abs(p[2] - y0) > 2)
        {
            return null;
        }

        // Error of the equal-weight linear flux estimate with the actual per-pixel variances.
        var final = Profile(pixels, p[1], p[2], p[3]);
        double sumP2 = 0, sumP2V = 0;
        for (var k = 0; k < pixels.Count; k++)
        {
            sumP2 += final[k] * final[k];
            sumP2V += final[k] * final[k] * pixels[k].V;
        }

        return (p[0], p[1], p[2], p[3], Math.Sqrt(sumP2V) / sumP2);
    }

    private static double FluxFor(List<(int X, int Y, double D, double V)> pixels, double x0, double y0, double sigma)
    {
        var profile = Profile(pixels, x0, y0, sigma);
        double num = 0, den = 0;
        for (var k = 0; k < pixels.Count; k++)
        {
            num += profile[k] * pixels[k].D;
            den += profile[k] * profile[k];
        }

        return num / den;
    }

    private static double[] Model(List<(int X, int Y, double D, double V)> pixels, double[] p)
    {
        var profile = Profile(pixels, p[1], p[2], p[3]);
        for (var k = 0; k < profile.Length; k++)
        {
            profile[k] *= p[0];
        }

        return profile;
    }

    private static double[] Profile(List<(int X, int Y, double D, double V)> pixels, double x0, double y0, double sigma)
    {
        var minX = pixels.Min(q => q.X);
        var maxX = pixels.Max(q => q.X);
        var minY = pixels.Min(q => q.Y);
        var maxY = pixels.Max(q => q.Y);
        var gx = DesNightGenerator.Integrated(x0, sigma, minX, maxX);
        var gy = DesNightGenerator.Integrated(y0, sigma, minY, maxY);
        var result = new double[pixels.Count];
        for (var k = 0; k < pixels.Count; k++)
        {
            result[k] = gx[pixels[k].X - minX] * gy[pixels[k].Y - minY];
        }

        return result;
    }
}
