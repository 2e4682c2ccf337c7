using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>Reads an analysis configuration YAML into <see cref="AnalysisConfig"/>, naming file and key on every error.</summary>
internal static class AnalysisConfigReader
{
    private static readonly string[] TopKeys = ["datasets", "luminosity", "objects", "skim", "preselection", "categories", "weights", "histograms"];

    public static AnalysisConfig Read(string path)
    {
        var file = Path.GetFullPath(path);
        if (!File.Exists(file))
        {
            throw new AnalysisConfigException(file, "(file)", "no such configuration file");
        }

        var root = Yaml.LoadMapping(file);
        Yaml.RejectUnknown(file, root, "", TopKeys);
        var directory = Path.GetDirectoryName(file)!;

        var datasetsNode = Yaml.Mapping(file, root, "datasets", required: true)!;
        Yaml.RejectUnknown(file, datasetsNode, "datasets", ["jsons", "filter"]);
        var jsons = Yaml.Strings(file, datasetsNode, "datasets.jsons", "jsons", required: true);
        var all = new List<DatasetDefinition>();
        for (var i = 0; i < jsons.Count; i++)
        {
            var json = Path.GetFullPath(jsons[i], directory);
            if (!File.Exists(json))
            {
                throw new AnalysisConfigException(file, $"datasets.jsons[{i}]", $"dataset definition file '{json}' does not exist");
            }

            all.AddRange(DatasetDefinitionFile.Read(json));
        }

        var filter = Yaml.Mapping(file, datasetsNode, "filter", required: false);
        var datasets = all;
        if (filter is not null)
        {
            Yaml.RejectUnknown(file, filter, "datasets.filter", ["samples", "datasets"]);
            var samples = Yaml.Strings(file, filter, "datasets.filter.samples", "samples", required: false);
            var names = Yaml.Strings(file, filter, "datasets.filter.datasets", "datasets", required: false);
            foreach (var (wanted, key, known) in new[] { (samples, "samples", all.Select(d => d.Sample)), (names, "datasets", all.Select(d => d.Name)) })
            {
                var knownSet = known.ToHashSet(StringComparer.Ordinal);
                for (var i = 0; i < wanted.Count; i++)
                {
                    if (!knownSet.Contains(wanted[i]))
                    {
                        throw new AnalysisConfigException(file, $"datasets.filter.{key}[{i}]", $"'{wanted[i]}' is in no dataset definition file (known: {string.Join(", ", knownSet.Order(StringComparer.Ordinal))})");
                    }
                }
            }

            datasets = [.. all.Where(d => (samples.Count == 0 || samples.Contains(d.Sample)) && (names.Count == 0 || names.Contains(d.Name)))];
        }

        if (datasets.Count == 0)
        {
            throw new AnalysisConfigException(file, "datasets", "no dataset selected");
        }

        if (datasets.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new AnalysisConfigException(file, "datasets.jsons", $"dataset '{twice.Key}' is defined twice");
        }

        foreach (var d in datasets.Where(d => d.IsMC && !(d.SumGenWeights > 0)))
        {
            throw new AnalysisConfigException(file, $"datasets.{d.Name}", "a simulated dataset needs a positive sum_genweights");
        }

        var luminosity = Yaml.Number(file, root, "luminosity", "luminosity", required: true)!.Value;
        if (!(luminosity > 0))
        {
            throw new AnalysisConfigException(file, "luminosity", "must be positive (pb^-1)");
        }

        var objects = ReadObjects(file, Yaml.Mapping(file, root, "objects", required: false));
        var skim = ReadCuts(file, root, "skim");
        var preselection = ReadCuts(file, root, "preselection");
        var categories = ReadCategories(file, Yaml.Mapping(file, root, "categories", required: false));
        var weights = Yaml.Strings(file, root, "weights", "weights", required: false);
        if (root.Children.ContainsKey("weights") is false)
        {
            weights = [.. AnalysisConfig.KnownWeights];
        }

        for (var i = 0; i < weights.Count; i++)
        {
            if (!AnalysisConfig.KnownWeights.Contains(weights[i]))
            {
                throw new AnalysisConfigException(file, $"weights[{i}]", $"unknown weight '{weights[i]}' (known: {string.Join(", ", AnalysisConfig.KnownWeights)})");
            }
        }

        var histograms = ReadHistograms(file, Yaml.Mapping(file, root, "histograms", required: true)!, categories);
        return new AnalysisConfig
        {
            Path = file,
            Datasets = datasets,
            Luminosity = luminosity,
            Objects = objects,
            Skim = skim,
            Preselection = preselection,
            Categories = categories,
            Weights = weights,
            Histograms = histograms,
        };
    }

    /// <summary>Parses <c>"VAR OP NUMBER &amp;&amp; …"</c>; <paramref name="key"/> names the cut in errors.</summary>
    public static CutDefinition ParseCut(string file, string key, string name, string text)
    {
        var conditions = new List<CutCondition>();
        foreach (var part in text.Split("&&", StringSplitOptions.TrimEntries))
        {
            var op = CutCondition.Operators.FirstOrDefault(o => part.Contains(o, StringComparison.Ordinal))
                ?? throw new AnalysisConfigException(file, key, $"'{part}' is not 'VARIABLE OP NUMBER' with OP one of {string.Join(" ", CutCondition.Operators)}");
            var at = part.IndexOf(op, StringComparison.Ordinal);
            var variable = part[..at].Trim();
            var number = part[(at + op.Length)..].Trim();
            if (!EventVariables.TryGetIndex(variable, out var index))
            {
                throw new AnalysisConfigException(file, key, $"unknown variable '{variable}' (known: {string.Join(", ", EventVariables.Names)})");
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold))
            {
                throw new AnalysisConfigException(file, key, $"'{number}' is not a number");
            }

            conditions.Add(new CutCondition(variable, index, op, threshold));
        }

        return new CutDefinition(name, conditions);
    }

    private static ObjectSelection ReadObjects(string file, YamlMappingNode? node)
    {
        var selection = new ObjectSelection();
        if (node is null)
        {
            return selection;
        }

        Yaml.RejectUnknown(file, node, "objects", ["jets", "muons", "electrons"]);
        double Get(string section, string key, double fallback)
        {
            var s = Yaml.Mapping(file, node, section, required: false);
            if (s is null)
            {
                return fallback;
            }

            Yaml.RejectUnknown(file, s, $"objects.{section}", section == "jets" ? ["pt", "eta", "btag"] : ["pt", "eta"]);
            return Yaml.Number(file, s, $"objects.{section}.{key}", key, required: false) ?? fallback;
        }

        return new ObjectSelection
        {
            JetPt = Get("jets", "pt", selection.JetPt),
            JetEta = Get("jets", "eta", selection.JetEta),
            BTag = Get("jets", "btag", selection.BTag),
            MuonPt = Get("muons", "pt", selection.MuonPt),
            MuonEta = Get("muons", "eta", selection.MuonEta),
            ElectronPt = Get("electrons", "pt", selection.ElectronPt),
            ElectronEta = Get("electrons", "eta", selection.ElectronEta),
        };
    }

    // A cut is a string (its text is its name) or a mapping {name, cut}.
    private static List<CutDefinition> ReadCuts(string file, YamlMappingNode root, string section)
    {
        var cuts = new List<CutDefinition>();
        if (!root.Children.TryGetValue(new YamlScalarNode(section), out var node) || node is YamlScalarNode { Value: null or "" })
        {
            return cuts;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new AnalysisConfigException(file, section, "must be a list of cuts");
        }

        var i = 0;
        foreach (var item in sequence)
        {
            var key = $"{section}[{i++}]";
            switch (item)
            {
                case YamlScalarNode { Value: { } text }:
                    cuts.Add(ParseCut(file, key, text, text));
                    break;
                case YamlMappingNode mapping:
                    Yaml.RejectUnknown(file, mapping, key, ["name", "cut"]);
                    var text2 = Yaml.String(file, mapping, $"{key}.cut", "cut", required: true)!;
                    cuts.Add(ParseCut(file, $"{key}.cut", Yaml.String(file, mapping, $"{key}.name", "name", required: false) ?? text2, text2));
                    break;
                default:
                    throw new AnalysisConfigException(file, key, "a cut is a string or {name, cut}");
            }
        }

        if (cuts.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new AnalysisConfigException(file, section, $"cut '{twice.Key}' appears twice");
        }

        return cuts;
    }

    private static List<CutDefinition> ReadCategories(string file, YamlMappingNode? node)
    {
        if (node is null)
        {
            return [new CutDefinition("inclusive", [])];
        }

        var categories = new List<CutDefinition>();
        foreach (var (k, v) in node.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? "";
            var key = $"categories.{name}";
            var conditions = v switch
            {
                YamlSequenceNode s => s.Children.Select((c, i) => c is YamlScalarNode { Value: { } t } ? ParseCut(file, $"{key}[{i}]", t, t) : throw new AnalysisConfigException(file, $"{key}[{i}]", "a condition is a string")).SelectMany(c => c.Conditions).ToList(),
                YamlScalarNode { Value: null or "" } => [],
                YamlScalarNode { Value: { } t } => [.. ParseCut(file, key, t, t).Conditions],
                _ => throw new AnalysisConfigException(file, key, "a category is a list of conditions"),
            };
            categories.Add(new CutDefinition(name, conditions));
        }

        return categories.Count > 0 ? categories : throw new AnalysisConfigException(file, "categories", "at least one category is needed");
    }

    private static List<HistogramDefinition> ReadHistograms(string file, YamlMappingNode node, List<CutDefinition> categories)
    {
        var histograms = new List<HistogramDefinition>();
        foreach (var (k, v) in node.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? "";
            var key = $"histograms.{name}";
            if (v is not YamlMappingNode h)
            {
                throw new AnalysisConfigException(file, key, "a histogram is a mapping {variable, bins | edges, categories}");
            }

            Yaml.RejectUnknown(file, h, key, ["variable", "bins", "edges", "categories", "label"]);
            var variable = Yaml.String(file, h, $"{key}.variable", "variable", required: true)!;
            if (!EventVariables.TryGetIndex(variable, out var index))
            {
                throw new AnalysisConfigException(file, $"{key}.variable", $"unknown variable '{variable}' (known: {string.Join(", ", EventVariables.Names)})");
            }

            double[] edges;
            bool regular;
            var bins = Yaml.Mapping(file, h, "bins", required: false);
            if (bins is not null)
            {
                Yaml.RejectUnknown(file, bins, $"{key}.bins", ["n", "low", "high"]);
                var n = Yaml.Number(file, bins, $"{key}.bins.n", "n", required: true)!.Value;
                var low = Yaml.Number(file, bins, $"{key}.bins.low", "low", required: true)!.Value;
                var high = Yaml.Number(file, bins, $"{key}.bins.high", "high", required: true)!.Value;
                if (n < 1 || n > 100_000 || n != Math.Floor(n))
                {
                    throw new AnalysisConfigException(file, $"{key}.bins.n", $"the number of bins must be a whole number from 1 to 100000, not {n}");
                }

                if (!(high > low))
                {
                    throw new AnalysisConfigException(file, $"{key}.bins", $"high ({high}) must be above low ({low})");
                }

                var count = (int)n;
                edges = [.. Enumerable.Range(0, count + 1).Select(i => i == count ? high : low + ((high - low) * i / count))];
                regular = true;
            }
            else if (h.Children.ContainsKey(new YamlScalarNode("edges")))
            {
                var texts = Yaml.Strings(file, h, $"{key}.edges", "edges", required: true);
                edges = [.. texts.Select((t, i) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : throw new AnalysisConfigException(file, $"{key}.edges[{i}]", $"'{t}' is not a number"))];
                if (edges.Length < 2)
                {
                    throw new AnalysisConfigException(file, $"{key}.edges", "at least two edges are needed");
                }

                for (var i = 1; i < edges.Length; i++)
                {
                    if (!(edges[i] > edges[i - 1]))
                    {
                        throw new AnalysisConfigException(file, $"{key}.edges[{i}]", $"edges must increase strictly ({edges[i - 1]} then {edges[i]})");
                    }
                }

                regular = false;
            }
            else
            {
                throw new AnalysisConfigException(file, $"{key}.bins", "give bins {n, low, high} or edges [...]");
            }

            var wanted = h.Children.ContainsKey(new YamlScalarNode("categories"))
                ? Yaml.Strings(file, h, $"{key}.categories", "categories", required: true)
                : [.. categories.Select(c => c.Name)];
            for (var i = 0; i < wanted.Count; i++)
            {
                if (!categories.Any(c => c.Name == wanted[i]))
                {
                    throw new AnalysisConfigException(file, $"{key}.categories[{i}]", $"unknown category '{wanted[i]}' (known: {string.Join(", ", categories.Select(c => c.Name))})");
                }
            }

            var label = Yaml.String(file, h, $"{key}.label", "label", required: false) ?? variable;
            histograms.Add(new HistogramDefinition(name, variable, index, edges, regular, wanted, label));
        }

        return histograms;
    }
}
