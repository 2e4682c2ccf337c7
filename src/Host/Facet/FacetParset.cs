using System.Globalization;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Host.Cli;
using Nightshift.Workflows.Facet;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Host.Facet;

/// <summary>
/// Reads a Factor-style parset (<c>[section]</c> lines and <c>key = value</c>, <c>#</c> comments) or the same
/// sections as YAML mappings, into a <see cref="FacetConfig"/>. Relative paths are taken from the parset's directory.
/// Unknown sections or keys and bad values are usage errors naming the file, the line and the key.
/// </summary>
internal static class FacetParset
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        ["global"] = ["dir_working", "dir_ms", "interactive", "exit_on_selfcal_failure"],
        ["calibration"] = ["max_selfcal_loops", "dr_improvement_min", "verify_peak_residual_jy", "verify_max_growth", "cal_radius_deg", "sweeps_per_cycle"],
        ["directions"] = ["directions_file", "groupings", "faceting_radius_deg", "flux_min_jy", "size_max_arcsec", "separation_max_deg", "max_num"],
        ["imaging"] = ["image_size", "cell_arcsec", "mosaic_size", "beam_fwhm_deg"],
        ["simulate"] = ["seed", "antennas", "chunks", "slots_per_chunk", "calibrators", "faint_sources", "noise_jy", "phase_step_deg"],
    };

    /// <summary>The facet pipeline's <c>--input</c>: a <see cref="FacetConfig"/> as JSON (a parset is the usual way).</summary>
    public static object ReadJsonInput(System.Text.Json.JsonElement? json)
    {
        if (json is not { } element)
        {
            throw CommandLineException.Usage("the facet pipeline needs a configuration: nightshift run field.parset (or --input with workingDir and inputDir)");
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<FacetConfig>(element, Durable.DurableJson.Options)
                ?? throw CommandLineException.Usage("invalid input: expected a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw CommandLineException.Usage($"invalid input: {e.Message}");
        }
    }

    /// <summary>True when <paramref name="target"/> (a <c>run</c> argument) names a facet parset: <c>*.parset</c>, or YAML with a <c>global:</c> section.</summary>
    public static bool IsFacetTarget(string target)
    {
        if (target.EndsWith(".parset", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!(target.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) || !File.Exists(target))
        {
            return false;
        }

        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(target);
            stream.Load(reader);
            return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "global");
        }
        catch (YamlException)
        {
            return false;
        }
    }

    /// <summary>Reads the parset; <paramref name="stopAfter"/> is <c>-s</c>.</summary>
    public static FacetConfig Load(string file, int? stopAfter = null)
    {
        if (!File.Exists(file))
        {
            throw CommandLineException.Usage($"parset '{file}' does not exist");
        }

        var values = file.EndsWith(".parset", StringComparison.OrdinalIgnoreCase) ? ReadParset(file) : ReadYaml(file);
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var reader = new Values(file, values);

        var working = reader.Path("global", "dir_working", baseDir) ?? throw CommandLineException.Usage($"{file}: [global] dir_working is required");
        var input = reader.Path("global", "dir_ms", baseDir) ?? throw CommandLineException.Usage($"{file}: [global] dir_ms is required (the directory with field.vis and skymodel.csv)");
        var defaults = new FacetConfig { WorkingDir = working, InputDir = input };
        var settings = new FacetSettings();
        settings = settings with
        {
            FacetingRadiusDeg = reader.Number("directions", "faceting_radius_deg", settings.FacetingRadiusDeg, 0),
            BeamFwhmDeg = reader.Number("imaging", "beam_fwhm_deg", settings.BeamFwhmDeg, 0),
            ImageSize = reader.Whole("imaging", "image_size", settings.ImageSize, 8),
            CellArcsec = reader.Number("imaging", "cell_arcsec", settings.CellArcsec, 0),
            MosaicSize = reader.Whole("imaging", "mosaic_size", settings.MosaicSize, 8),
            CalRadiusDeg = reader.Number("calibration", "cal_radius_deg", settings.CalRadiusDeg, 0),
            VerifyPeakResidualJy = reader.Number("calibration", "verify_peak_residual_jy", settings.VerifyPeakResidualJy, 0),
            VerifyMaxGrowth = reader.Number("calibration", "verify_max_growth", settings.VerifyMaxGrowth, 0),
            SweepsPerCycle = reader.Whole("calibration", "sweeps_per_cycle", settings.SweepsPerCycle, 1),
        };
        var selection = new DirectionSelectionOptions();
        selection = selection with
        {
            MinFluxJy = reader.Number("directions", "flux_min_jy", selection.MinFluxJy, 0),
            MaxSizeArcsec = reader.Number("directions", "size_max_arcsec", selection.MaxSizeArcsec, 0),
            MaxSeparationDeg = reader.Number("directions", "separation_max_deg", selection.MaxSeparationDeg, 0),
            MaxCount = reader.Whole("directions", "max_num", selection.MaxCount, 1),
        };
        var groupings = reader.Text("directions", "groupings") ?? defaults.Groupings;
        try
        {
            FacetPlan.ParseGroupings(groupings);
        }
        catch (FormatException e)
        {
            throw CommandLineException.Usage($"{file}: [directions] {e.Message}");
        }

        SimulationOptions? simulate = null;
        if (values.Keys.Any(k => k.Section == "simulate"))
        {
            var s = new SimulationOptions();
            simulate = s with
            {
                Seed = reader.Whole("simulate", "seed", s.Seed, 0),
                Antennas = reader.Whole("simulate", "antennas", s.Antennas, 4),
                Chunks = reader.Whole("simulate", "chunks", s.Chunks, 1),
                SlotsPerChunk = reader.Whole("simulate", "slots_per_chunk", s.SlotsPerChunk, 1),
                Calibrators = reader.Whole("simulate", "calibrators", s.Calibrators, 1),
                FaintSources = reader.Whole("simulate", "faint_sources", s.FaintSources, 0),
                NoiseSigmaJy = reader.Number("simulate", "noise_jy", s.NoiseSigmaJy, 0),
                PhaseStepDeg = reader.Number("simulate", "phase_step_deg", s.PhaseStepDeg, 0),
            };
        }

        return defaults with
        {
            DirectionsFile = reader.Path("directions", "directions_file", baseDir),
            Interactive = reader.Bool("global", "interactive", false),
            ExitOnSelfcalFailure = reader.Bool("global", "exit_on_selfcal_failure", true),
            MaxSelfcalLoops = reader.Whole("calibration", "max_selfcal_loops", defaults.MaxSelfcalLoops, 0),
            MinDynamicRangeImprovement = reader.Number("calibration", "dr_improvement_min", defaults.MinDynamicRangeImprovement, 0),
            Groupings = groupings,
            StopAfterGroups = stopAfter,
            Selection = selection,
            Settings = settings,
            Simulate = simulate,
        };
    }

    private static Dictionary<(string Section, string Key), (string Value, int Line)> ReadParset(string file)
    {
        var values = new Dictionary<(string, string), (string, int)>();
        var section = "global";
        var number = 0;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim().ToLowerInvariant();
                if (!Known.ContainsKey(section))
                {
                    throw CommandLineException.Usage($"{file}:{number}: unknown section [{section}] (known: {string.Join(", ", Known.Keys.Select(k => $"[{k}]"))})");
                }

                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw CommandLineException.Usage($"{file}:{number}: expected 'key = value' or '[section]', not '{line}'");
            }

            var key = line[..eq].Trim().ToLowerInvariant();
            Add(values, file, section, key, line[(eq + 1)..].Trim(), number);
        }

        return values;
    }

    private static Dictionary<(string Section, string Key), (string Value, int Line)> ReadYaml(string file)
    {
        var values = new Dictionary<(string, string), (string, int)>();
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
                : throw CommandLineException.Usage($"{file}: expected one YAML mapping of sections (global:, calibration:, directions:, imaging:, simulate:)");
        }
        catch (YamlException e)
        {
            throw CommandLineException.Usage($"{file}:{e.Start.Line}:{e.Start.Column}: {e.Message.ReplaceLineEndings(" ")}");
        }

        foreach (var (sectionNode, body) in root.Children)
        {
            var section = ((sectionNode as YamlScalarNode)?.Value ?? "").ToLowerInvariant();
            if (!Known.ContainsKey(section))
            {
                throw CommandLineException.Usage($"{file}:{sectionNode.Start.Line}: unknown section '{section}' (known: {string.Join(", ", Known.Keys)})");
            }

            if (body is not YamlMappingNode entries)
            {
                throw CommandLineException.Usage($"{file}:{body.Start.Line}: section '{section}' must be a mapping of key: value");
            }

            foreach (var (keyNode, valueNode) in entries.Children)
            {
                var key = ((keyNode as YamlScalarNode)?.Value ?? "").ToLowerInvariant();
                var value = valueNode is YamlScalarNode scalar ? scalar.Value ?? ""
                    : throw CommandLineException.Usage($"{file}:{valueNode.Start.Line}: {section}.{key} must be a single value");
                Add(values, file, section, key, value, (int)keyNode.Start.Line);
            }
        }

        return values;
    }

    private static void Add(Dictionary<(string, string), (string, int)> values, string file, string section, string key, string value, int line)
    {
        if (!Known[section].Contains(key, StringComparer.Ordinal))
        {
            throw CommandLineException.Usage($"{file}:{line}: unknown key '{key}' in [{section}] (known: {string.Join(", ", Known[section])})");
        }

        values[(section, key)] = (value, line);
    }

    /// <summary>Typed access with errors that name the file, line and key.</summary>
    private sealed class Values(string file, Dictionary<(string Section, string Key), (string Value, int Line)> values)
    {
        public string? Text(string section, string key) => values.TryGetValue((section, key), out var v) && v.Value.Length > 0 ? v.Value : null;

        public string? Path(string section, string key, string baseDir) =>
            Text(section, key) is { } p ? System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, p)).TrimEnd('/') : null;

        public bool Bool(string section, string key, bool fallback)
        {
            if (!values.TryGetValue((section, key), out var v))
            {
                return fallback;
            }

            return v.Value.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => true,
                "false" or "no" or "0" => false,
                _ => throw Bad(section, key, v, "True or False"),
            };
        }

        public double Number(string section, string key, double fallback, double min)
        {
            if (!values.TryGetValue((section, key), out var v))
            {
                return fallback;
            }

            return double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && double.IsFinite(n)
                ? n
                : throw Bad(section, key, v, string.Create(CultureInfo.InvariantCulture, $"a number ≥ {min}"));
        }

        public int Whole(string section, string key, int fallback, int min)
        {
            if (!values.TryGetValue((section, key), out var v))
            {
                return fallback;
            }

            return int.TryParse(v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw Bad(section, key, v, string.Create(CultureInfo.InvariantCulture, $"a whole number ≥ {min}"));
        }

        private CommandLineException Bad(string section, string key, (string Value, int Line) v, string expected) =>
            CommandLineException.Usage($"{file}:{v.Line}: [{section}] {key} = '{v.Value}' must be {expected}");
    }
}
