namespace Nightshift.Workflows.Facet;

/// <summary>Explains a facet layout change in terms an operator can act on.</summary>
public static class FacetLayoutCheck
{
    /// <summary>The refusal message for a layout that differs from the recorded one.</summary>
    public static string Describe(string recorded, string current, string workingDir)
    {
        var before = Entries(recorded);
        var now = Entries(current);
        var changes = new List<string>();
        changes.AddRange(before.Keys.Except(now.Keys).Select(k => $"{k} removed"));
        changes.AddRange(now.Keys.Except(before.Keys).Select(k => $"{k} added"));
        changes.AddRange(before.Keys.Intersect(now.Keys).Where(k => before[k] != now[k]).Select(k => $"{k} moved or changed ({before[k]} -> {now[k]})"));
        if (changes.Count == 0)
        {
            changes.Add("the faceting radius or direction order changed");
        }

        return $"the facet layout of {workingDir} changed since it was recorded: {string.Join("; ", changes)}. " +
               "Facet images, subtractions and the mosaic depend on the layout, so the run is refused. Restore the previous " +
               "directions (factor_directions.txt, directions_file, faceting_radius_deg), or reset every direction (nightshift reset PARSET -r all) " +
               "or use a new working directory to start over with the new layout.";
    }

    private static Dictionary<string, string> Entries(string signature) =>
        signature.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('@', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Length > 1 ? g.First()[1] : g.First()[0], StringComparer.Ordinal);
}
