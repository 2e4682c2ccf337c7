namespace Nightshift.Activities.Kernels.Facet;

/// <summary>Chooses calibration directions from a sky model.</summary>
public static class DirectionSelector
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "facet-select-directions";

    /// <summary>
    /// The sources that pass the flux (apparent, after <paramref name="beam"/>), size and separation limits, brightest
    /// first, at most <see cref="DirectionSelectionOptions.MaxCount"/>, named facet1, facet2, … in that order.
    /// </summary>
    public static IReadOnlyList<Direction> Select(IEnumerable<SkySource> sky, double centreRaDeg, double centreDecDeg, PrimaryBeam beam, DirectionSelectionOptions? options = null)
    {
        options ??= new DirectionSelectionOptions();
        return [.. sky
            .Select(s => (Source: s, Separation: SkyGeometry.SeparationDeg(centreRaDeg, centreDecDeg, s.RaDeg, s.DecDeg)))
            .Select(x => (x.Source, x.Separation, Apparent: x.Source.FluxJy * beam.Response(x.Separation)))
            .Where(x => x.Apparent >= options.MinFluxJy && x.Source.SizeArcsec <= options.MaxSizeArcsec && x.Separation <= options.MaxSeparationDeg)
            .OrderByDescending(x => x.Apparent)
            .ThenBy(x => x.Source.Name, StringComparer.Ordinal)
            .Take(options.MaxCount)
            .Select((x, i) => new Direction($"facet{i + 1}", x.Source.RaDeg, x.Source.DecDeg, x.Apparent))];
    }
}
