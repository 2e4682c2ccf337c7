using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// The catalogue stage: PSF photometry of every source with the CCD's PSF model (flux and centre fitted, sigma fixed) on
/// the sky-subtracted image, and sky positions from the fitted WCS.
/// </summary>
public static class CatalogKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-catalog";

    /// <summary>Measures PSF fluxes of the sources of <paramref name="catalog"/> on <paramref name="image"/>.</summary>
    public static CatalogResult Run(ImageProduct image, string catalog, string psfModel, string outputCatalog)
    {
        var input = LapImage.Read(image);
        var psf = PsfKernel.ReadModel(psfModel);
        var radius = (int)Math.Ceiling(3 * psf.Sigma);
        var output = new List<DesSource>();
        var measured = 0;
        foreach (var s in DesSourceCatalog.Read(catalog))
        {
            var fit = (s.Flags & DesSource.FlagSaturated) != 0
                ? null
                : DesPsfFit.Fit(input.Data, input.Variance, input.Mask, input.Width, input.Height, s.X, s.Y, psf.Sigma, radius, psf.Sigma);
            if (fit is { } f)
            {
                measured++;
                var (ra, dec) = input.Wcs.PixelToSky(f.X, f.Y);
                output.Add(s with { X = f.X, Y = f.Y, RaDeg = ra, DecDeg = dec, FluxPsf = f.Flux, FluxPsfErr = f.FluxError });
            }
            else
            {
                output.Add(s with { FluxPsf = double.NaN, FluxPsfErr = double.NaN });
            }
        }

        DesSourceCatalog.Write(outputCatalog, output);
        return new CatalogResult(outputCatalog, output.Count, measured);
    }
}
