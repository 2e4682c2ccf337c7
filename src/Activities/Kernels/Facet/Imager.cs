using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Dirty imaging: rephase to the image centre, nearest-neighbour gridding with natural weights (each visibility and its
/// Hermitian conjugate), and an inverse 2-D FFT. The image is in Jy/beam: a point source at the centre peaks at its flux.
/// </summary>
public static class Imager
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "facet-image";

    /// <summary>
    /// The dirty image of <paramref name="vis"/> centred on (RA, Dec), <paramref name="size"/> × <paramref name="size"/>
    /// pixels of <paramref name="cellArcsec"/>, with a TAN WCS (the reference pixel is the image centre, pixel size/2).
    /// </summary>
    public static FitsImage Dirty(Visibilities vis, double raDeg, double decDeg, int size, double cellArcsec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var cell = cellArcsec / 3600.0 * SkyGeometry.Deg;
        var grid = new Complex[size * size];
        double weight = 0;
        for (var t = 0; t < vis.TimeCount; t++)
        {
            for (var b = 0; b < vis.BaselineCount; b++)
            {
                var (_, _, w0) = vis.Uvw(t, b, vis.RaDeg, vis.DecDeg);
                var (u, v, w) = vis.Uvw(t, b, raDeg, decDeg);
                for (var c = 0; c < vis.ChannelCount; c++)
                {
                    var inverseLambda = vis.Frequencies[c] / SkyGeometry.SpeedOfLight;
                    // Moving the phase centre from s0 to s1 multiplies by exp(−2πi b·(s0 − s1)/λ); b·s is the w term.
                    var value = vis.Data[vis.Index(t, b, c)] * Complex.FromPolarCoordinates(1, -2 * Math.PI * (w0 - w) * inverseLambda);
                    var iu = (int)Math.Round(u * inverseLambda * size * cell);
                    var iv = (int)Math.Round(v * inverseLambda * size * cell);
                    if (Math.Abs(iu) >= size / 2 || Math.Abs(iv) >= size / 2)
                    {
                        continue;
                    }

                    grid[(Wrap(iv, size) * size) + Wrap(iu, size)] += value;
                    grid[(Wrap(-iv, size) * size) + Wrap(-iu, size)] += Complex.Conjugate(value);
                    weight += 2;
                }
            }
        }

        Inverse2D(grid, size);
        var image = new FitsImage(size, size);
        var half = size / 2;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                // East (growing l) is to the left, as in the TAN WCS below.
                var jl = Wrap(-(x - half), size);
                var jm = Wrap(y - half, size);
                image[x, y] = weight > 0 ? (float)(grid[(jm * size) + jl].Real / weight) : 0f;
            }
        }

        var s = cellArcsec / 3600.0;
        new TanWcs(half + 1, half + 1, raDeg, decDeg, -s, 0, 0, s).WriteTo(image.Header);
        image.Header.Set("BUNIT", "JY/BEAM");
        return image;
    }

    /// <summary>
    /// Σ V exp(+2πi (u l + v m)) by rows then columns: MathNet's managed provider has no multi-dimensional transform, and
    /// NoScaling keeps the sign convention that inverts the measurement equation without a hidden 1/N.
    /// </summary>
    private static void Inverse2D(Complex[] grid, int size)
    {
        var line = new Complex[size];
        for (var row = 0; row < size; row++)
        {
            Array.Copy(grid, row * size, line, 0, size);
            Fourier.Inverse(line, FourierOptions.NoScaling);
            Array.Copy(line, 0, grid, row * size, size);
        }

        for (var column = 0; column < size; column++)
        {
            for (var row = 0; row < size; row++)
            {
                line[row] = grid[(row * size) + column];
            }

            Fourier.Inverse(line, FourierOptions.NoScaling);
            for (var row = 0; row < size; row++)
            {
                grid[(row * size) + column] = line[row];
            }
        }
    }

    private static int Wrap(int i, int n) => ((i % n) + n) % n;
}
