using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// Reads and writes dataset definition files in PocketCoffea's layout:
/// <c>{"NAME": {"files": [...], "metadata": {"sample": ..., "isMC": "True", "xsec": "...", "sum_genweights": "...", "nevents": "..."}}}</c>.
/// PocketCoffea writes metadata values as strings; both strings and numbers are read.
/// </summary>
internal static class DatasetDefinitionFile
{
    public static void Write(string path, IEnumerable<DatasetDefinition> datasets)
    {
        var root = new JsonObject();
        foreach (var d in datasets)
        {
            var metadata = new JsonObject
            {
                ["das_names"] = new JsonArray(JsonValue.Create($"/{d.Name}/synthetic/NANOAODSIM")),
                ["sample"] = d.Sample,
                ["year"] = d.Year,
                ["isMC"] = d.IsMC ? "True" : "False",
                ["nevents"] = d.Events.ToString(CultureInfo.InvariantCulture),
            };
            if (d.IsMC)
            {
                metadata["xsec"] = d.CrossSection.ToString("R", CultureInfo.InvariantCulture);
                metadata["sum_genweights"] = d.SumGenWeights.ToString("R", CultureInfo.InvariantCulture);
            }

            root[d.Name] = new JsonObject
            {
                ["files"] = new JsonArray([.. d.Files.Select(f => JsonValue.Create(f))]),
                ["metadata"] = metadata,
            };
        }

        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads a definition file; a malformed one is an <see cref="AnalysisConfigException"/> naming the file and key.</summary>
    public static IReadOnlyList<DatasetDefinition> Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new AnalysisConfigException(path, "(file)", $"not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject datasets)
        {
            throw new AnalysisConfigException(path, "(file)", "a dataset definition file is a JSON object of datasets");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var result = new List<DatasetDefinition>();
        foreach (var (name, node) in datasets)
        {
            if (node?["files"] is not JsonArray files || node["metadata"] is not JsonObject metadata)
            {
                throw new AnalysisConfigException(path, name, "a dataset needs 'files' (a list) and 'metadata' (an object)");
            }

            var isMc = Text(metadata, "isMC", path, name) is { } mc && mc.Equals("True", StringComparison.OrdinalIgnoreCase);
            result.Add(new DatasetDefinition
            {
                Name = name,
                Sample = Text(metadata, "sample", path, name) ?? name,
                Year = Text(metadata, "year", path, name) ?? "",
                IsMC = isMc,
                CrossSection = isMc ? Number(metadata, "xsec", path, name) : 0,
                SumGenWeights = isMc ? Number(metadata, "sum_genweights", path, name) : 0,
                Events = metadata["nevents"] is null ? 0 : (long)Number(metadata, "nevents", path, name),
                Files = [.. files.Select((f, i) => f?.GetValueKind() == JsonValueKind.String
                    ? Path.GetFullPath(f.GetValue<string>(), directory)
                    : throw new AnalysisConfigException(path, $"{name}.files[{i}]", "a file is a string"))],
            });
        }

        return result;
    }

    private static string? Text(JsonObject metadata, string key, string path, string dataset) => metadata[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "True" : "False",
        JsonValue v => v.ToJsonString(),
        _ => throw new AnalysisConfigException(path, $"{dataset}.metadata.{key}", "must be a value"),
    };

    private static double Number(JsonObject metadata, string key, string path, string dataset)
    {
        var text = Text(metadata, key, path, dataset) ?? throw new AnalysisConfigException(path, $"{dataset}.metadata.{key}", "is required for simulation");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new AnalysisConfigException(path, $"{dataset}.metadata.{key}", $"'{text}' is not a number");
    }
}
