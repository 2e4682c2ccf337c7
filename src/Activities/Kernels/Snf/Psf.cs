using MathNet.Numerics;

namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// A circular Gaussian integrated over square pixels (centres at integer coordinates), normalised to unit total flux
/// on an infinite grid: the generator draws stars and galaxies with it and the kernels fit with it, so a fitted
/// amplitude is the total flux even when the profile runs off the edge of the small IFU field.
/// </summary>
internal static class Psf
{
    /// <summary>Fills <paramref name="into"/> (side × side, row-major y, x) with the profile at (x0, y0) of width σ.</summary>
    public static void Fill(double[] into, int side, double x0, double y0, double sigma)
    {
        Span<double> fx = stackalloc double[side];
        Span<double> fy = stackalloc double[side];
        Axis(fx, x0, sigma);
        Axis(fy, y0, sigma);
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                into[(y * side) + x] = fx[x] * fy[y];
            }
        }
    }

    /// <summary>A new profile array.</summary>
    public static double[] Image(int side, double x0, double y0, double sigma)
    {
        var image = new double[side * side];
        Fill(image, side, x0, y0, sigma);
        return image;
    }

    private static void Axis(Span<double> f, double centre, double sigma)
    {
        var scale = 1 / (sigma * Math.Sqrt(2));
        var previous = SpecialFunctions.Erf((-0.5 - centre) * scale);
        for (var i = 0; i < f.Length; i++)
        {
            var next = SpecialFunctions.Erf((i + 0.5 - centre) * scale);
            f[i] = 0.5 * (next - previous);
            previous = next;
        }
    }
}
