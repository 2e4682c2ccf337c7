namespace Nightshift.Activities.Kernels.Snf;

/// <summary>PSF-fit photometry of a point source (plus a flat background) on one IFU image of Side × Side spaxels.</summary>
internal static class StarFitter
{
    private const int Side = SnfInstrument.Side;

    /// <summary>Position and width from the white-light image (all wavelengths summed).</summary>
    public static (double X, double Y, double Sigma) Locate(double[] white)
    {
        var peak = Array.IndexOf(white, white.Max());
        var psf = new double[white.Length];
        var best = SnfFit.Simplex(
            p =>
            {
                if (p[2] < 0.2 || p[2] > 6)
                {
                    return double.MaxValue;
                }

                Psf.Fill(psf, Side, p[0], p[1], p[2]);
                return SnfFit.Linear([psf, SnfFit.Ones], white).Rss;
            },
            [peak % Side, peak / Side, 1.2],
            [0.5, 0.5, 0.3]);
        return (best[0], best[1], best[2]);
    }

    /// <summary>Flux and width in one slice with the position held: golden-section on σ, amplitudes by least squares.</summary>
    public static (double Flux, double Sigma) FitSlice(double[] slice, double x, double y)
    {
        var psf = new double[slice.Length];
        var sigma = SnfFit.Golden(
            s =>
            {
                Psf.Fill(psf, Side, x, y, s);
                return SnfFit.Linear([psf, SnfFit.Ones], slice).Rss;
            },
            0.3,
            5);
        Psf.Fill(psf, Side, x, y, sigma);
        return (SnfFit.Linear([psf, SnfFit.Ones], slice).Coefficients[0], sigma);
    }

    /// <summary>Flux in one slice with position and width held: a linear fit of the PSF and a background.</summary>
    public static double FluxAt(double[] slice, double x, double y, double sigma)
        => SnfFit.Linear([Psf.Image(Side, x, y, sigma), SnfFit.Ones], slice).Coefficients[0];
}
