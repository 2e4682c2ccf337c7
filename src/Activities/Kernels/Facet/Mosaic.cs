using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// The field mosaic: each pixel is taken from the image of the facet that owns it (its Voronoi cell) and divided by the
/// primary beam, so fluxes are intrinsic. Pixels outside the faceting radius, or of a facet without an image, are NaN.
/// </summary>
public static class Mosaic
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "facet-mosaic";

    /// <summary>Builds the mosaic on a <paramref name="size"/>² grid of <paramref name="cellArcsec"/> at the field centre.</summary>
    public static FitsImage Build(FacetLayout layout, IReadOnlyDictionary<string, FitsImage> facetImages, PrimaryBeam beam, int size, double cellArcsec)
    {
        var s = cellArcsec / 3600.0;
        var wcs = new TanWcs((size / 2) + 1, (size / 2) + 1, layout.CentreRaDeg, layout.CentreDecDeg, -s, 0, 0, s);
        var facetWcs = facetImages.ToDictionary(kv => kv.Key, kv => TanWcs.FromHeader(kv.Value.Header), StringComparer.Ordinal);
        var mosaic = new FitsImage(size, size);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (ra, dec) = wcs.PixelToSky(x, y);
                var facet = layout.FacetOf(ra, dec);
                mosaic[x, y] = float.NaN;
                if (facet < 0 || !facetImages.TryGetValue(layout.Directions[facet].Name, out var image))
                {
                    continue;
                }

                var (fx, fy) = facetWcs[layout.Directions[facet].Name].SkyToPixel(ra, dec);
                var ix = (int)Math.Round(fx);
                var iy = (int)Math.Round(fy);
                if (ix < 0 || iy < 0 || ix >= image.Width || iy >= image.Height)
                {
                    continue;
                }

                var response = beam.Response(SkyGeometry.SeparationDeg(layout.CentreRaDeg, layout.CentreDecDeg, ra, dec));
                mosaic[x, y] = (float)(image[ix, iy] / response);
            }
        }

        wcs.WriteTo(mosaic.Header);
        mosaic.Header.Set("BUNIT", "JY/BEAM");
        mosaic.Header.Set("PBCOR", true, "divided by the primary beam");
        return mosaic;
    }
}
