using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// Merges run options in PocketCoffea's order: built-in defaults, then the site's (<c>@local</c>), then the executor's
/// (<c>slurm@local</c>), then the user's <c>--run-options</c> YAML, then command-line flags; a later layer wins. Each
/// value keeps the name of the layer that set it, for <c>nightshift analysis options</c>.
/// </summary>
public static class RunOptionsMerger
{
    /// <summary>The option names, in display order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "executor", "chunksize", "limit-files", "limit-chunks", "test", "retries", "skip-bad-files", "tree-reduction",
        "scaleout", "full", "resubmit-failed", "queue", "mem-per-worker", "walltime",
    ];

    /// <summary>The built-in layers, as PocketCoffea's <c>executor_options_defaults.yaml</c>.</summary>
    public const string BuiltInDefaults = """
        general:
          chunksize: 100000
          limit-files: null
          limit-chunks: null
          test: false
          retries: 20
          skip-bad-files: false
          tree-reduction: 20
          scaleout: 1
          full: false
          resubmit-failed: false
          queue: null
          mem-per-worker: null
          walltime: null
        sites:
          local:
            retries: 3
            mem-per-worker: 2GB
            walltime: "01:00:00"
        executors:
          iterative:
            scaleout: 1
          futures:
            scaleout: 2
          slurm@local:
            scaleout: 10
            chunksize: 50000
            queue: debug
          condor@local:
            scaleout: 10
            chunksize: 50000
            queue: vanilla
        """;

    private static readonly string[] Executors = ["iterative", "futures", "slurm@local", "condor@local"];

    /// <summary>
    /// Merges the layers. <paramref name="executor"/> is the <c>--executor</c> flag (null: iterative);
    /// <paramref name="commandLine"/> holds the other flags by option name (<c>-lf 2</c> is <c>limit-files</c> = 2).
    /// <c>test</c> on the command line also sets limit-files 1, limit-chunks 1 and the iterative executor, unless
    /// those are given on the command line too. A bad value or unknown key throws <see cref="AnalysisConfigException"/>
    /// naming its file (or <c>command line</c>) and key.
    /// </summary>
    public static MergedRunOptions Merge(string? executor, string? runOptionsFile, IReadOnlyDictionary<string, string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var values = new Dictionary<string, (string? Value, string Source)>(StringComparer.Ordinal);
        var defaults = Yaml.LoadMappingText(BuiltInDefaults);
        Apply(values, (YamlMappingNode)defaults.Children[new YamlScalarNode("general")], "default", "built-in defaults");

        var test = commandLine.TryGetValue("test", out var t) && ParseBool("command line", "test", t);
        var chosen = executor ?? (test ? "iterative" : null);
        var executorSource = executor is not null ? "command line" : test ? "command line (--test)" : "default";
        chosen ??= "iterative";
        if (!Executors.Contains(chosen))
        {
            throw new AnalysisConfigException("command line", "executor", $"unknown executor '{chosen}' (known: {string.Join(", ", Executors)})");
        }

        values["executor"] = (chosen, executorSource);
        var at = chosen.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            var site = chosen[(at + 1)..];
            var sites = (YamlMappingNode)defaults.Children[new YamlScalarNode("sites")];
            if (sites.Children.TryGetValue(new YamlScalarNode(site), out var siteNode))
            {
                Apply(values, (YamlMappingNode)siteNode, $"site {site}", "built-in defaults");
            }
        }

        var executors = (YamlMappingNode)defaults.Children[new YamlScalarNode("executors")];
        Apply(values, (YamlMappingNode)executors.Children[new YamlScalarNode(chosen)], $"executor {chosen}", "built-in defaults");

        if (runOptionsFile is not null)
        {
            var file = Path.GetFullPath(runOptionsFile);
            if (!File.Exists(file))
            {
                throw new AnalysisConfigException(file, "(file)", "no such run-options file");
            }

            var user = Yaml.LoadMapping(file);
            Yaml.RejectUnknown(file, user, "", [.. Names.Where(n => n != "executor")]);
            Apply(values, user, $"run-options {file}", file);
        }

        foreach (var (name, value) in commandLine.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!Names.Contains(name) || name == "executor")
            {
                throw new AnalysisConfigException("command line", name, $"unknown option (known: {string.Join(", ", Names.Where(n => n != "executor"))})");
            }

            values[name] = (value, "command line");
        }

        if (test)
        {
            foreach (var name in new[] { "limit-files", "limit-chunks" })
            {
                if (!commandLine.ContainsKey(name))
                {
                    values[name] = ("1", "command line (--test)");
                }
            }
        }

        string? Text(string name) => values[name].Value;
        string FileOf(string name) => values[name].Source.StartsWith("run-options ", StringComparison.Ordinal) ? values[name].Source["run-options ".Length..] : values[name].Source;
        int Int(string name, int minimum) => Text(name) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= minimum
            ? v
            : throw new AnalysisConfigException(FileOf(name), name, $"must be a whole number of at least {minimum}, not '{Text(name)}'");
        int? OptionalInt(string name) => Text(name) is null or "" or "null" ? null : Int(name, 1);
        bool Bool(string name) => ParseBool(FileOf(name), name, Text(name));

        var options = new AnalysisRunOptions
        {
            Executor = chosen,
            ChunkSize = Int("chunksize", 1),
            LimitFiles = OptionalInt("limit-files"),
            LimitChunks = OptionalInt("limit-chunks"),
            Test = Bool("test"),
            Retries = Int("retries", 0),
            SkipBadFiles = Bool("skip-bad-files"),
            TreeReduction = Int("tree-reduction", 2),
            Scaleout = Int("scaleout", 1),
            Full = Bool("full"),
            ResubmitFailed = Bool("resubmit-failed"),
            Queue = Text("queue"),
            MemPerWorker = Text("mem-per-worker"),
            Walltime = Text("walltime"),
        };
        return new MergedRunOptions(options, [.. Names.Select(n => new RunOptionValue(n, values[n].Value ?? "", values[n].Source))]);
    }

    private static void Apply(Dictionary<string, (string? Value, string Source)> values, YamlMappingNode layer, string source, string file)
    {
        foreach (var (k, v) in layer.Children)
        {
            var name = ((YamlScalarNode)k).Value!;
            if (v is not YamlScalarNode scalar)
            {
                throw new AnalysisConfigException(file, name, "must be a single value");
            }

            values[name] = (scalar.Value is null or "null" or "~" ? null : scalar.Value, source);
        }
    }

    private static bool ParseBool(string file, string name, string? text) => text?.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" or null or "" => false,
        _ => throw new AnalysisConfigException(file, name, $"must be true or false, not '{text}'"),
    };
}
