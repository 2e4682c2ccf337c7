namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// PSF photometry of the photometric channel: the field stars at their catalogue positions share one Gaussian width,
/// found by golden-section search; their fluxes and a flat background come from a linear fit at each trial width.
/// </summary>
internal static class FieldFitter
{
    public static (double Sigma, double[] Fluxes) Fit(Fits.FitsImage image, IReadOnlyList<FieldStar> field, string path)
    {
        if (image.Width != SnfInstrument.PhotometricSide || image.Height != SnfInstrument.PhotometricSide)
        {
            throw new SnfDataException($"{path}: a photometric-channel frame is {SnfInstrument.PhotometricSide}×{SnfInstrument.PhotometricSide}, not {image.Width}×{image.Height}");
        }

        var data = image.Pixels.Select(p => (double)p).ToArray();
        var ones = Enumerable.Repeat(1.0, data.Length).ToArray();
        double[][] Columns(double sigma)
            => [.. field.Select(s => Psf.Image(SnfInstrument.PhotometricSide, s.X, s.Y, sigma)), ones];
        var best = SnfFit.Golden(s => SnfFit.Linear(Columns(s), data).Rss, 0.3, 5);
        var fluxes = SnfFit.Linear(Columns(best), data).Coefficients[..field.Count];
        return (best, fluxes);
    }
}
