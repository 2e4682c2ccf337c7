using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>Small typed accessors over YamlDotNet's node model, each naming the file and key when a value is wrong.</summary>
internal static class Yaml
{
    public static YamlMappingNode LoadMapping(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new AnalysisConfigException(file, $"(line {e.Start.Line})", $"not valid YAML: {e.Message}", e);
        }

        return stream.Documents.Count == 0
            ? new YamlMappingNode()
            : stream.Documents[0].RootNode as YamlMappingNode ?? throw new AnalysisConfigException(file, "(file)", "the top level must be a mapping");
    }

    public static YamlMappingNode LoadMappingText(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static void RejectUnknown(string file, YamlMappingNode node, string prefix, IReadOnlyCollection<string> known)
    {
        foreach (var k in node.Children.Keys)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                var key = prefix.Length == 0 ? name : $"{prefix}.{name}";
                throw new AnalysisConfigException(file, key, $"unknown key (line {k.Start.Line}; known: {string.Join(", ", known)})");
            }
        }
    }

    public static YamlMappingNode? Mapping(string file, YamlMappingNode node, string name, bool required)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(name), out var child))
        {
            return required ? throw new AnalysisConfigException(file, name, "is required") : null;
        }

        return child as YamlMappingNode ?? throw new AnalysisConfigException(file, name, $"must be a mapping (line {child.Start.Line})");
    }

    public static string? String(string file, YamlMappingNode node, string key, string name, bool required)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(name), out var child) || child is YamlScalarNode { Value: null })
        {
            return required ? throw new AnalysisConfigException(file, key, "is required") : null;
        }

        return child is YamlScalarNode s ? s.Value : throw new AnalysisConfigException(file, key, $"must be a single value (line {child.Start.Line})");
    }

    public static double? Number(string file, YamlMappingNode node, string key, string name, bool required)
    {
        var text = String(file, node, key, name, required);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new AnalysisConfigException(file, key, $"'{text}' is not a number");
    }

    /// <summary>A list of scalars; a single scalar counts as a list of one.</summary>
    public static List<string> Strings(string file, YamlMappingNode node, string key, string name, bool required)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(name), out var child) || child is YamlScalarNode { Value: null })
        {
            return required ? throw new AnalysisConfigException(file, key, "is required") : [];
        }

        return child switch
        {
            YamlScalarNode s => [s.Value!],
            YamlSequenceNode seq => [.. seq.Children.Select((c, i) => c is YamlScalarNode { Value: { } v } ? v : throw new AnalysisConfigException(file, $"{key}[{i}]", "must be a single value"))],
            _ => throw new AnalysisConfigException(file, key, $"must be a list (line {child.Start.Line})"),
        };
    }
}
