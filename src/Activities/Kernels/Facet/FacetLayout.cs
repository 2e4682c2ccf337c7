namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Facets as Voronoi cells of the directions that lie within the faceting radius of the field centre. Directions beyond
/// the radius are small patches: they are calibrated and subtracted but not imaged and not in the mosaic.
/// </summary>
public sealed class FacetLayout
{
    /// <summary>Creates the layout of <paramref name="directions"/> around the field centre.</summary>
    public FacetLayout(IReadOnlyList<Direction> directions, double centreRaDeg, double centreDecDeg, double facetingRadiusDeg)
    {
        Directions = directions;
        CentreRaDeg = centreRaDeg;
        CentreDecDeg = centreDecDeg;
        FacetingRadiusDeg = facetingRadiusDeg;
        IsFacet = [.. directions.Select(d => !d.OutlierSource && SkyGeometry.SeparationDeg(centreRaDeg, centreDecDeg, d.RaDeg, d.DecDeg) <= facetingRadiusDeg)];
    }

    /// <summary>All directions, facets and patches.</summary>
    public IReadOnlyList<Direction> Directions { get; }

    /// <summary>Right ascension of the field centre, degrees.</summary>
    public double CentreRaDeg { get; }

    /// <summary>Declination of the field centre, degrees.</summary>
    public double CentreDecDeg { get; }

    /// <summary>Radius within which the field is cut into facets, degrees.</summary>
    public double FacetingRadiusDeg { get; }

    /// <summary>Per direction: true for a facet, false for a patch (beyond the faceting radius, or an outlier).</summary>
    public IReadOnlyList<bool> IsFacet { get; }

    /// <summary>The facet (index into <see cref="Directions"/>) that owns a sky position, or −1 outside the faceting radius.</summary>
    public int FacetOf(double raDeg, double decDeg)
    {
        if (SkyGeometry.SeparationDeg(CentreRaDeg, CentreDecDeg, raDeg, decDeg) > FacetingRadiusDeg)
        {
            return -1;
        }

        return Nearest(raDeg, decDeg, facetsOnly: true);
    }

    /// <summary>
    /// The direction whose gains apply to a source: the nearest direction, facet or patch. Calibration and subtraction
    /// use this (a patch beyond the faceting radius still corrupts and owns the sources nearest to it); imaging uses
    /// <see cref="FacetOf"/>.
    /// </summary>
    public int OwnerOf(double raDeg, double decDeg) => Nearest(raDeg, decDeg, facetsOnly: false);

    /// <summary>The sources owned by direction <paramref name="direction"/> (see <see cref="OwnerOf"/>).</summary>
    public IReadOnlyList<SkySource> SourcesOf(int direction, IEnumerable<SkySource> sky) =>
        [.. sky.Where(s => OwnerOf(s.RaDeg, s.DecDeg) == direction)];

    private int Nearest(double raDeg, double decDeg, bool facetsOnly)
    {
        var best = -1;
        var bestSeparation = double.PositiveInfinity;
        for (var i = 0; i < Directions.Count; i++)
        {
            if (facetsOnly && !IsFacet[i])
            {
                continue;
            }

            var separation = SkyGeometry.SeparationDeg(Directions[i].RaDeg, Directions[i].DecDeg, raDeg, decDeg);
            if (separation < bestSeparation)
            {
                best = i;
                bestSeparation = separation;
            }
        }

        return best;
    }
}
