using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// Writes the merged outputs an analyst and plotting tools read (see README.md): per dataset (or, with
/// <c>--full</c>, once for all) <c>cutflow.json</c>, <c>metadata.json</c>, <c>histograms.json</c> in the UHI
/// serialisation layout that <c>hist</c>/<c>boost-histogram</c> read, and <c>accumulator.json</c> with the exact state
/// for later merges (<c>--resubmit-failed</c>); and a PNG per histogram and category, stacked simulation against data.
/// </summary>
internal static class AnalysisOutputWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the outputs of <paramref name="result"/> under <paramref name="directory"/>; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(AnalysisConfig config, AnalysisAccumulator result, string directory, bool full, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        var groups = full
            ? [(directory, result.Datasets.Values.ToList())]
            : result.Datasets.Values.Select(d => (Path.Combine(directory, d.Dataset), new List<DatasetAccumulator> { d })).ToList();
        foreach (var (folder, datasets) in groups)
        {
            Directory.CreateDirectory(folder);
            var part = new AnalysisAccumulator();
            foreach (var d in datasets)
            {
                part.Datasets[d.Dataset] = d;
            }

            written.Add(await WriteJsonAsync(Path.Combine(folder, "cutflow.json"), CutFlows(datasets), cancellationToken).ConfigureAwait(false));
            written.Add(await WriteJsonAsync(Path.Combine(folder, "metadata.json"), Metadata(datasets), cancellationToken).ConfigureAwait(false));
            written.Add(await WriteJsonAsync(Path.Combine(folder, "histograms.json"), Histograms(config, datasets), cancellationToken).ConfigureAwait(false));
            var exact = Path.Combine(folder, "accumulator.json");
            await AccumulatorJson.WriteAsync(exact, part, cancellationToken).ConfigureAwait(false);
            written.Add(exact);
        }

        written.AddRange(HistogramPlotter.PlotAll(config, result, Path.Combine(directory, "plots")));
        return written;
    }

    /// <summary>Cut flows: per dataset the steps in order and the categories, events exactly and weighted as doubles.</summary>
    public static JsonObject CutFlows(IEnumerable<DatasetAccumulator> datasets)
    {
        var root = new JsonObject();
        foreach (var d in datasets)
        {
            root[d.Dataset] = new JsonObject
            {
                ["sample"] = d.Sample,
                ["isMC"] = d.IsMC,
                ["steps"] = new JsonArray([.. d.Steps.Select(Step)]),
                ["categories"] = new JsonObject(d.Categories.Select(c => KeyValuePair.Create(c.Name, (JsonNode?)Step(c)))),
            };
        }

        return root;

        static JsonNode Step(CutFlowStep s) => new JsonObject { ["name"] = s.Name, ["events"] = s.Events, ["weighted"] = s.Weighted.ToDouble() };
    }

    /// <summary>Metadata: files, chunks, events processed and expected, skipped files with reasons.</summary>
    public static JsonObject Metadata(IEnumerable<DatasetAccumulator> datasets)
    {
        var root = new JsonObject();
        foreach (var d in datasets)
        {
            root[d.Dataset] = new JsonObject
            {
                ["sample"] = d.Sample,
                ["isMC"] = d.IsMC,
                ["files"] = new JsonArray([.. d.Files.Select(f => JsonValue.Create(f))]),
                ["chunks"] = d.Chunks.Count,
                ["eventsProcessed"] = d.EventsProcessed,
                ["eventsExpected"] = d.EventsExpected,
                ["eventsLost"] = Math.Max(0, d.EventsExpected - d.EventsProcessed),
                ["skippedFiles"] = new JsonArray([.. d.SkippedFiles.Values.Select(s => (JsonNode)new JsonObject { ["file"] = s.File, ["reason"] = s.Reason })]),
            };
        }

        return root;
    }

    /// <summary>
    /// Histograms in the UHI JSON layout: one entry per histogram with a <c>category_str</c> axis of datasets, one of
    /// categories and the variable's <c>regular</c> or <c>variable</c> axis with flow bins; weighted storage with
    /// values (Σw) and variances (Σw²) nested [dataset][category][bin], bins including underflow first and overflow last.
    /// Raw entry counts are in the metadata.
    /// </summary>
    public static JsonObject Histograms(AnalysisConfig config, IReadOnlyList<DatasetAccumulator> datasets)
    {
        var root = new JsonObject();
        foreach (var h in config.Histograms)
        {
            JsonNode axis = h.Regular
                ? new JsonObject { ["type"] = "regular", ["lower"] = h.Edges[0], ["upper"] = h.Edges[^1], ["bins"] = h.Bins, ["underflow"] = true, ["overflow"] = true, ["circular"] = false, ["metadata"] = new JsonObject { ["name"] = h.Variable, ["label"] = h.Label } }
                : new JsonObject { ["type"] = "variable", ["edges"] = new JsonArray([.. h.Edges.Select(e => JsonValue.Create(e))]), ["underflow"] = true, ["overflow"] = true, ["circular"] = false, ["metadata"] = new JsonObject { ["name"] = h.Variable, ["label"] = h.Label } };
            JsonArray Nested(Func<HistogramAccumulator, int, JsonNode?> cell) => [.. datasets.Select(d => (JsonNode)new JsonArray([.. h.Categories.Select(c =>
            {
                var acc = d.Histograms[$"{h.Name}/{c}"];
                return (JsonNode)new JsonArray([.. Enumerable.Range(0, acc.Entries.Length).Select(i => cell(acc, i))]);
            })]))];

            root[h.Name] = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["variable"] = h.Variable,
                    ["samples"] = new JsonArray([.. datasets.Select(d => JsonValue.Create(d.Sample))]),
                    ["isMC"] = new JsonArray([.. datasets.Select(d => JsonValue.Create(d.IsMC))]),
                    ["entries"] = Nested((a, i) => JsonValue.Create(a.Entries[i])),
                },
                ["axes"] = new JsonArray(
                    new JsonObject { ["type"] = "category_str", ["categories"] = new JsonArray([.. datasets.Select(d => JsonValue.Create(d.Dataset))]), ["flow"] = false, ["metadata"] = new JsonObject { ["name"] = "dataset" } },
                    new JsonObject { ["type"] = "category_str", ["categories"] = new JsonArray([.. h.Categories.Select(c => JsonValue.Create(c))]), ["flow"] = false, ["metadata"] = new JsonObject { ["name"] = "category" } },
                    axis),
                ["storage"] = new JsonObject
                {
                    ["type"] = "weighted",
                    ["data"] = new JsonObject
                    {
                        ["values"] = Nested((a, i) => JsonValue.Create(a.SumW[i].ToDouble())),
                        ["variances"] = Nested((a, i) => JsonValue.Create(a.SumW2[i].ToDouble())),
                    },
                },
            };
        }

        return root;
    }

    private static async Task<string> WriteJsonAsync(string path, JsonNode node, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, node.ToJsonString(Indented), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
