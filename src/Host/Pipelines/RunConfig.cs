using System.Text.Json;
using Nightshift.Host.Cli;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Host.Pipelines;

/// <summary>
/// A run configuration file (YAML): <c>pipeline:</c> (required), <c>id:</c> and <c>input:</c>.
/// Errors name the file and the line.
/// </summary>
/// <param name="File">The file, as given.</param>
/// <param name="Pipeline">The pipeline it names.</param>
/// <param name="Id">The instance id it asks for, if any.</param>
/// <param name="Input">The pipeline input, if any.</param>
internal sealed record RunConfig(string File, Pipeline Pipeline, string? Id, JsonElement? Input)
{
    private static readonly string[] Keys = ["pipeline", "id", "input"];

    /// <summary>True when <paramref name="target"/> should be read as a configuration file rather than a pipeline name.</summary>
    public static bool LooksLikeFile(string target)
        => target.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
           || target.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
           || target.Contains('/', StringComparison.Ordinal)
           || target.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
           || System.IO.File.Exists(target);

    public static RunConfig Load(string file)
    {
        if (!System.IO.File.Exists(file))
        {
            throw CommandLineException.Usage($"configuration file '{file}' does not exist");
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode mapping
                ? mapping
                : throw CommandLineException.Usage($"{file}: expected one YAML mapping with 'pipeline:' (and optionally 'id:' and 'input:')");
        }
        catch (YamlException e)
        {
            throw CommandLineException.Usage($"{file}:{e.Start.Line}:{e.Start.Column}: {OneLine(e.Message)}");
        }
        catch (IOException e)
        {
            throw CommandLineException.Usage($"cannot read configuration file '{file}': {e.Message}");
        }

        Pipeline? pipeline = null;
        string? id = null;
        JsonElement? input = null;
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            switch (name)
            {
                case "pipeline":
                    var pipelineName = Text(file, value, "pipeline");
                    pipeline = PipelineCatalog.Find(pipelineName)
                        ?? throw CommandLineException.Usage($"{file}:{value.Start.Line}: unknown pipeline '{pipelineName}' (known: {PipelineCatalog.KnownNames})");
                    break;
                case "id":
                    id = Text(file, value, "id");
                    break;
                case "input":
                    try
                    {
                        input = JsonSerializer.SerializeToElement(YamlJson.Convert(value));
                    }
                    catch (YamlException e)
                    {
                        throw CommandLineException.Usage($"{file}:{e.Start.Line}:{e.Start.Column}: {OneLine(e.Message)}");
                    }

                    break;
                default:
                    throw CommandLineException.Usage($"{file}:{key.Start.Line}: unknown key '{name}' (known: {string.Join(", ", Keys)})");
            }
        }

        return pipeline is null
            ? throw CommandLineException.Usage($"{file}: missing 'pipeline:' (known pipelines: {PipelineCatalog.KnownNames})")
            : new RunConfig(file, pipeline, id, input);
    }

    private static string Text(string file, YamlNode node, string key)
        => node is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : throw CommandLineException.Usage($"{file}:{node.Start.Line}: '{key}' must be a non-empty string");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
