using System.Globalization;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Workflows.Facet;

namespace Nightshift.Host.Facet;

/// <summary><c>run PARSET -d</c>: the plan (directions, groups, operations and which are already done), written to stdout; nothing runs.</summary>
internal static class FacetDryRun
{
    public static void Print(FacetConfig config, IReadOnlyList<StepRecord> steps, TextWriter output)
    {
        output.WriteLine($"facet run plan (dry run: nothing is run or written)");
        output.WriteLine($"  working directory  {config.WorkingDir}");
        output.WriteLine($"  input (dir_ms)     {config.InputDir}");
        var chunks = FacetWorkspace.ChunkFiles(config.WorkingDir);
        var data = chunks.Count > 0 ? chunks[0] : Path.Combine(config.InputDir, FieldSimulator.DataFile);
        var done = steps.Where(s => s.Status == StepStatus.Completed).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"  prepare            {(done.Contains("field/prepare") ? "done" : File.Exists(data) ? "to run: convert the DI table, chunk the data in time" : config.Simulate is not null ? "to run: simulate a field into dir_ms, then chunk it" : $"cannot run: {data} does not exist")}");
        if (!File.Exists(data))
        {
            output.WriteLine("  directions         chosen once the data exist");
            return;
        }

        var vis = Visibilities.Read(data);
        DirectionsResult directions;
        try
        {
            directions = FacetPlan.Directions(new ChooseDirectionsInput(config.WorkingDir, config.InputDir, config.DirectionsFile, config.Selection, config.Settings), vis.RaDeg, vis.DecDeg, write: false);
        }
        catch (Exception e) when (e is FormatException or FileNotFoundException or InvalidOperationException)
        {
            output.WriteLine($"  directions         cannot be chosen: {e.Message}");
            return;
        }

        output.WriteLine($"  directions         {directions.Directions.Count} from {(directions.Source == "automatic" ? $"automatic selection (would be written to {directions.File})" : directions.Source)}");
        if (config.Interactive)
        {
            output.WriteLine("  interactive        the run pauses here until 'nightshift resume INSTANCE'");
        }

        var groups = FacetPlan.Groups(directions.Directions, config.Groupings);
        output.WriteLine($"  groupings          {config.Groupings}: {groups.Count} selfcal groups{(config.StopAfterGroups is { } s ? $"; -s {s}: stops after group {Math.Min(s, groups.Count)}" : "")}");
        output.WriteLine();
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-6} {1,-10} {2,-7} {3,-13} {4,-13} {5,-13}", "group", "direction", "kind", FacetKeys.FacetSelfcal, FacetKeys.FacetSub, FacetKeys.FacetImage));
        foreach (var d in directions.Directions.Where(d => d.Outlier))
        {
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-6} {1,-10} {2,-7} {3,-13}", "peel", d.Name, "outlier", State(done, FacetKeys.Step(d.Name, FacetKeys.OutlierPeel))));
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var skipped = config.StopAfterGroups is { } stop && g >= stop;
            foreach (var name in groups[g])
            {
                var d = directions.Directions.First(x => x.Name == name);
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-6} {1,-10} {2,-7} {3,-13} {4,-13} {5,-13}",
                    g + 1, name, d.IsFacet ? "facet" : "patch",
                    skipped && !done.Contains(FacetKeys.Step(name, FacetKeys.FacetSelfcal)) ? "not this run" : State(done, FacetKeys.Step(name, FacetKeys.FacetSelfcal)),
                    skipped && !done.Contains(FacetKeys.Step(name, FacetKeys.FacetSub)) ? "not this run" : State(done, FacetKeys.Step(name, FacetKeys.FacetSub)),
                    !d.IsFacet ? "-" : skipped ? "not this run" : State(done, FacetKeys.Step(name, FacetKeys.FacetImage))));
            }
        }

        output.WriteLine();
        output.WriteLine($"  fieldmosaic        {(config.StopAfterGroups is { } st && st < groups.Count ? "not this run" : State(done, FacetKeys.Step(FacetKeys.Field, FacetKeys.FieldMosaic)))}");
    }

    private static string State(HashSet<string> done, string key) => done.Contains(key) ? "done" : "to run";
}
