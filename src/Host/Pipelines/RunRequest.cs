using System.Text.Json;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Host.Pipelines;

/// <summary>
/// What <c>run</c> was asked to do, resolved and checked before any store is opened: the pipeline, its
/// input (already validated) and the instance id.
/// </summary>
/// <param name="Pipeline">The pipeline to run.</param>
/// <param name="Input">The orchestration input.</param>
/// <param name="InputGiven">True when the input came from the command line or a file rather than defaults.</param>
/// <param name="InstanceId">The chosen instance id, if any.</param>
internal sealed record RunRequest(Pipeline Pipeline, object Input, bool InputGiven, string? InstanceId)
{
    /// <summary>The input as it will be stored.</summary>
    public string? InputJson => DurableJson.Serialize(Input);

    /// <summary>Resolves the request; <paramref name="executor"/> sets the input's <c>executor</c> field, <paramref name="demo"/> drops a configuration file's input.</summary>
    public static RunRequest Resolve(string target, string? inputText, string? inputFile, string? instanceId, string? executor = null, bool demo = false)
    {
        Pipeline pipeline;
        JsonElement? input = null;
        if (PipelineCatalog.Find(target) is { } named)
        {
            pipeline = named;
        }
        else if (RunConfig.LooksLikeFile(target))
        {
            var config = RunConfig.Load(target);
            pipeline = config.Pipeline;
            input = config.Input;
            instanceId ??= config.Id;
        }
        else
        {
            throw CommandLineException.Usage($"unknown pipeline '{target}' (known: {PipelineCatalog.KnownNames}; or give a .yaml run configuration file)");
        }

        if (inputText is not null)
        {
            input = JsonText.Parse(inputText, "--input");
        }
        else if (inputFile is not null)
        {
            input = ReadInputFile(inputFile);
        }

        if (demo)
        {
            input = null;
        }

        if (executor is not null)
        {
            input = WithField(input, "executor", executor);
        }

        if (instanceId is { } id && (id.Length == 0 || id.Any(char.IsControl) || id.Trim() != id))
        {
            throw CommandLineException.Usage($"--id '{id}' is not a usable instance id: it must be non-empty, without control characters or surrounding spaces");
        }

        return new RunRequest(pipeline, pipeline.ReadInput(input), input is not null, instanceId);
    }

    /// <summary>The input object with one field set (an input that is not an object is left for the pipeline's reader to reject).</summary>
    private static JsonElement? WithField(JsonElement? input, string name, string value)
    {
        if (input is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null })
        {
            return input;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (input is { ValueKind: JsonValueKind.Object } json)
        {
            foreach (var property in json.EnumerateObject().Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                fields[property.Name] = property.Value;
            }
        }

        fields[name] = JsonSerializer.SerializeToElement(value);
        return JsonSerializer.SerializeToElement(fields);
    }

    private static JsonElement ReadInputFile(string path)
    {
        if (!File.Exists(path))
        {
            throw CommandLineException.Usage($"input file '{path}' does not exist");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw CommandLineException.Usage($"cannot read input file '{path}': {e.Message}");
        }

        if (!path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return JsonText.Parse(text, $"input file '{path}'");
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0
                ? JsonSerializer.SerializeToElement<object?>(null)
                : JsonSerializer.SerializeToElement(YamlJson.Convert(stream.Documents[0].RootNode));
        }
        catch (YamlException e)
        {
            throw CommandLineException.Usage($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
