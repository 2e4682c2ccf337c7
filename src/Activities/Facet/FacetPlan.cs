using System.Globalization;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>Pure planning: directions from a file or a sky model, selfcal groups from <c>groupings</c>, the layout signature.</summary>
public static class FacetPlan
{
    /// <summary>
    /// Reads <paramref name="input"/>'s <c>directions_file</c>, else <c>factor_directions.txt</c> in the working
    /// directory, else selects directions from the sky model; with <paramref name="write"/> an automatic choice is
    /// written to <c>factor_directions.txt</c> (a dry run passes false).
    /// </summary>
    public static DirectionsResult Directions(ChooseDirectionsInput input, double centreRaDeg, double centreDecDeg, bool write)
    {
        var defaultFile = Path.Combine(input.WorkingDir, DirectionsFile.DefaultName);
        IReadOnlyList<Direction> directions;
        string source;
        if (input.DirectionsFile is { } given)
        {
            if (!File.Exists(given))
            {
                throw new FileNotFoundException($"directions_file '{given}' does not exist");
            }

            directions = DirectionsFile.Read(given);
            source = given;
        }
        else if (File.Exists(defaultFile))
        {
            directions = DirectionsFile.Read(defaultFile);
            source = defaultFile;
        }
        else
        {
            var sky = SkyModelFile.Read(Path.Combine(input.InputDir, FieldSimulator.SkyModelFileName));
            directions = DirectionSelector.Select(sky, centreRaDeg, centreDecDeg, new PrimaryBeam(input.Settings.BeamFwhmDeg), input.Selection);
            source = "automatic";
            if (write)
            {
                Directory.CreateDirectory(input.WorkingDir);
                DirectionsFile.Write(defaultFile, directions);
                // Later runs read the file, whose angles are rounded: use exactly what they will see, so the steps of
                // this run and of the next have the same inputs.
                directions = DirectionsFile.Read(defaultFile);
            }
        }

        if (directions.Count == 0)
        {
            throw new InvalidOperationException($"no directions: {source} lists none (or no source passes the selection limits)");
        }

        var layout = new FacetLayout(directions, centreRaDeg, centreDecDeg, input.Settings.FacetingRadiusDeg);
        var result = directions.Select((d, i) => new FacetDirection(d.Name, d.RaDeg, d.DecDeg, layout.IsFacet[i], d.OutlierSource)).ToList();
        return new DirectionsResult(result, source, input.DirectionsFile ?? defaultFile);
    }

    /// <summary>
    /// Selfcal groups from Factor's <c>groupings</c>: <c>1:5, 4:0</c> is five groups of one, then groups of four until
    /// the directions run out (a count of 0 means "the rest"). Directions the rules do not reach form groups of the
    /// last size. Outliers are not grouped (they are peeled first).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Groups(IReadOnlyList<FacetDirection> directions, string groupings)
    {
        var names = directions.Where(d => !d.Outlier).Select(d => d.Name).ToList();
        var rules = ParseGroupings(groupings);
        var groups = new List<IReadOnlyList<string>>();
        var next = 0;
        var lastSize = 1;
        foreach (var (size, count) in rules)
        {
            lastSize = size;
            for (var g = 0; (count == 0 || g < count) && next < names.Count; g++)
            {
                groups.Add(names.Skip(next).Take(size).ToList());
                next += size;
            }
        }

        while (next < names.Count)
        {
            groups.Add(names.Skip(next).Take(lastSize).ToList());
            next += lastSize;
        }

        return groups;
    }

    /// <summary>Parses <c>size:count, …</c>; a malformed rule throws <see cref="FormatException"/> naming it.</summary>
    public static IReadOnlyList<(int Size, int Count)> ParseGroupings(string groupings)
    {
        var rules = new List<(int, int)>();
        foreach (var part in groupings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = part.Split(':');
            if (f.Length != 2 || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1
                || !int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new FormatException($"groupings: '{part}' is not SIZE:COUNT with SIZE ≥ 1 and COUNT ≥ 0 (e.g. '1:5, 4:0')");
            }

            rules.Add((size, count));
        }

        return rules.Count == 0 ? throw new FormatException("groupings: no SIZE:COUNT rule") : rules;
    }

    /// <summary>
    /// The facet layout as text: the facets' names and positions (to 0.1 arcsec) and the faceting radius. Facet images,
    /// subtractions and the mosaic all depend on it, so a resumed run refuses a different one.
    /// </summary>
    public static string LayoutSignature(IReadOnlyList<FacetDirection> directions, double facetingRadiusDeg) =>
        string.Create(CultureInfo.InvariantCulture, $"radius={facetingRadiusDeg:F4};")
        + string.Join(";", directions.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name}@{d.RaDeg:F5},{d.DecDeg:F5}{(d.Outlier ? ",outlier" : "")}")));

    /// <summary>The passing direction nearest to <paramref name="direction"/> (itself when it passed), or null when none passed.</summary>
    public static FacetDirection? NearestPassing(FacetDirection direction, IReadOnlyList<FacetDirection> directions, IReadOnlySet<string> passed) =>
        passed.Contains(direction.Name)
            ? direction
            : directions.Where(d => passed.Contains(d.Name))
                .OrderBy(d => SkyGeometry.SeparationDeg(d.RaDeg, d.DecDeg, direction.RaDeg, direction.DecDeg))
                .ThenBy(d => d.Name, StringComparer.Ordinal)
                .FirstOrDefault();
}
