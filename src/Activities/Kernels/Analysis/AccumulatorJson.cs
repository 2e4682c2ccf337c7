using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// The exact state of an <see cref="AnalysisAccumulator"/> as JSON (what a chunk kernel writes and a merge reads):
/// counts as integers, weight sums as <see cref="ExactSum"/> text, so merging files equals merging in memory.
/// </summary>
internal static class AccumulatorJson
{
    public const string Format = "nightshift-analysis-accumulator/1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Serialize(AnalysisAccumulator accumulator)
    {
        var datasets = new JsonObject();
        foreach (var (name, d) in accumulator.Datasets)
        {
            datasets[name] = ToNode(d);
        }

        return new JsonObject { ["format"] = Format, ["datasets"] = datasets }.ToJsonString(Indented);
    }

    public static AnalysisAccumulator Deserialize(string json, string source)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: not an accumulator");
        if (root["format"]?.GetValue<string>() != Format)
        {
            throw new InvalidDataException($"{source}: format is not {Format}");
        }

        var result = new AnalysisAccumulator();
        foreach (var (name, node) in root["datasets"]!.AsObject())
        {
            result.Datasets[name] = FromNode(name, node!.AsObject());
        }

        return result;
    }

    public static async Task WriteAsync(string path, AnalysisAccumulator accumulator, CancellationToken cancellationToken)
    {
        // Written aside and moved, so a reader never sees half a file (a chunk killed mid-write leaves no output).
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Serialize(accumulator), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public static async Task<AnalysisAccumulator> ReadAsync(string path, CancellationToken cancellationToken)
        => Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);

    private static JsonObject ToNode(DatasetAccumulator d)
    {
        static JsonArray Steps(IEnumerable<CutFlowStep> steps) => [.. steps.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["events"] = s.Events,
            ["weighted"] = s.Weighted.ToExactString(),
        })];

        var histograms = new JsonObject();
        foreach (var (key, h) in d.Histograms)
        {
            histograms[key] = new JsonObject
            {
                ["histogram"] = h.Histogram,
                ["category"] = h.Category,
                ["edges"] = new JsonArray([.. h.Edges.Select(e => JsonValue.Create(e))]),
                ["entries"] = new JsonArray([.. h.Entries.Select(e => JsonValue.Create(e))]),
                ["sumw"] = new JsonArray([.. h.SumW.Select(s => JsonValue.Create(s.ToExactString()))]),
                ["sumw2"] = new JsonArray([.. h.SumW2.Select(s => JsonValue.Create(s.ToExactString()))]),
            };
        }

        return new JsonObject
        {
            ["sample"] = d.Sample,
            ["isMC"] = d.IsMC,
            ["eventsExpected"] = d.EventsExpected,
            ["eventsProcessed"] = d.EventsProcessed,
            ["cutflow"] = Steps(d.Steps),
            ["categories"] = Steps(d.Categories),
            ["histograms"] = histograms,
            ["files"] = new JsonArray([.. d.Files.Select(f => JsonValue.Create(f))]),
            ["chunks"] = new JsonArray([.. d.Chunks.Select(c => JsonValue.Create(c))]),
            ["skippedFiles"] = new JsonArray([.. d.SkippedFiles.Values.Select(s => (JsonNode)new JsonObject { ["file"] = s.File, ["reason"] = s.Reason })]),
        };
    }

    private static DatasetAccumulator FromNode(string name, JsonObject node)
    {
        var steps = node["cutflow"]!.AsArray();
        var categories = node["categories"]!.AsArray();
        var d = new DatasetAccumulator(
            name,
            node["sample"]!.GetValue<string>(),
            node["isMC"]!.GetValue<bool>(),
            node["eventsExpected"]!.GetValue<long>(),
            steps.Select(s => s!["name"]!.GetValue<string>()),
            categories.Select(s => s!["name"]!.GetValue<string>()));
        ReadSteps(steps, d.Steps);
        ReadSteps(categories, d.Categories);
        foreach (var (key, hn) in node["histograms"]!.AsObject())
        {
            var h = new HistogramAccumulator(hn!["histogram"]!.GetValue<string>(), hn["category"]!.GetValue<string>(), [.. hn["edges"]!.AsArray().Select(e => e!.GetValue<double>())]);
            var entries = hn["entries"]!.AsArray();
            var sumw = hn["sumw"]!.AsArray();
            var sumw2 = hn["sumw2"]!.AsArray();
            for (var i = 0; i < h.Entries.Length; i++)
            {
                h.Entries[i] = entries[i]!.GetValue<long>();
                h.SumW[i].Add(ExactSum.Parse(sumw[i]!.GetValue<string>()));
                h.SumW2[i].Add(ExactSum.Parse(sumw2[i]!.GetValue<string>()));
            }

            d.Histograms[key] = h;
        }

        d.Files.UnionWith(node["files"]!.AsArray().Select(f => f!.GetValue<string>()));
        d.Chunks.UnionWith(node["chunks"]!.AsArray().Select(f => f!.GetValue<string>()));
        d.EventsProcessed = node["eventsProcessed"]!.GetValue<long>();
        foreach (var s in node["skippedFiles"]!.AsArray())
        {
            var file = s!["file"]!.GetValue<string>();
            d.SkippedFiles[file] = new SkippedFile(file, s["reason"]!.GetValue<string>());
        }

        return d;
    }

    private static void ReadSteps(JsonArray nodes, List<CutFlowStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            steps[i].Events = nodes[i]!["events"]!.GetValue<long>();
            steps[i].Weighted.Add(ExactSum.Parse(nodes[i]!["weighted"]!.GetValue<string>()));
        }
    }
}
