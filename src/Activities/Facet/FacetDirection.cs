using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>A direction as the facet pipeline passes it between steps (JSON-safe: no NaN fields).</summary>
/// <param name="Name">Direction name (<c>facet1</c>, …).</param>
/// <param name="RaDeg">Right ascension, degrees.</param>
/// <param name="DecDeg">Declination, degrees.</param>
/// <param name="IsFacet">True for a facet (imaged, in the mosaic); false for a patch beyond the faceting radius or an outlier.</param>
/// <param name="Outlier">An outlier source: peeled first, never imaged.</param>
public sealed record FacetDirection(string Name, double RaDeg, double DecDeg, bool IsFacet, bool Outlier)
{
    /// <summary>The kernel's direction.</summary>
    public Direction ToDirection() => new(Name, RaDeg, DecDeg, OutlierSource: Outlier);
}
