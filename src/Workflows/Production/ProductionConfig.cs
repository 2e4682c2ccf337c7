using System.Text.Json.Serialization;
using Nightshift.Activities.Kernels.Snf;
using Nightshift.Activities.Production;

namespace Nightshift.Workflows.Production;

/// <summary>
/// A production run (the input of the <c>production</c> pipeline): which production (name, code version, output
/// version), which mode, where the raw data are and where outputs go, whether to register outputs, whether to keep
/// going past failed plans, and the batch backend of its jobs.
/// </summary>
public sealed class ProductionConfig
{
    /// <summary>The modes: all nights then all targets; only new nights (night plans only); target plans on existing night results.</summary>
    public static readonly IReadOnlyList<string> Modes = ["full", "incremental", "flux"];

    /// <summary>The production's name: <c>main</c> for the central production, another for a test production.</summary>
    public string Name { get; set; } = "main";

    /// <summary>The code version (a new one means a full reprocessing into its own directory).</summary>
    public string CodeVersion { get; set; } = "SNF-02-03";

    /// <summary>The output version ("production ID"): 0 for the central production.</summary>
    public int OutputVersion { get; set; }

    /// <summary><c>full</c>, <c>incremental</c> or <c>flux</c>.</summary>
    public string Mode { get; set; } = "full";

    /// <summary>The raw data directory (NIGHT/night.json, frames, flat.fits, fields.json).</summary>
    public string Raw { get; set; } = "snf-data/raw";

    /// <summary>The output root; the production writes under OUTPUT/CODE_VERSION/NAME.OUTPUT_VERSION/.</summary>
    public string Output { get; set; } = "productions";

    /// <summary>Keeps this production's outputs out of the shared tables (SNfactory's --no_register / -L).</summary>
    public bool NoRegister { get; set; }

    /// <summary>Continue past failed plans (batch_jobs --keep); without it the run stops at the first failed plan.</summary>
    public bool KeepGoing { get; set; }

    /// <summary>The batch backend of the jobs: <c>local</c> or <c>slurm</c>.</summary>
    public string Backend { get; set; } = "local";

    /// <summary>Only these nights (all with data when null).</summary>
    [JsonConverter(typeof(NameListConverter))]
    public List<string>? Nights { get; set; }

    /// <summary>Only these targets (all when null).</summary>
    [JsonConverter(typeof(NameListConverter))]
    public List<string>? Targets { get; set; }

    /// <summary>Generate synthetic raw data when <see cref="Raw"/> does not exist.</summary>
    public ProductionDataConfig? Generate { get; set; }

    /// <summary>The first problem with the configuration, naming the field, or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '_')))
        {
            return $"name must be letters, digits, '-' or '_', not '{Name}'";
        }

        if (string.IsNullOrWhiteSpace(CodeVersion) || CodeVersion.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return $"codeVersion must be letters, digits, '-', '_' or '.', not '{CodeVersion}'";
        }

        if (OutputVersion < 0)
        {
            return $"outputVersion must be 0 or more, not {OutputVersion}";
        }

        if (!Modes.Contains(Mode))
        {
            return $"mode must be one of {string.Join(", ", Modes)}, not '{Mode}'";
        }

        if (Backend is not ("local" or "slurm" or "condor"))
        {
            return $"backend must be local, slurm or condor, not '{Backend}'";
        }

        if (string.IsNullOrWhiteSpace(Raw))
        {
            return "raw must name the raw data directory";
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            return "output must name the output root";
        }

        return Generate is null ? null : ToSurvey(Generate).Validate() is { } problem ? $"generate: {problem}" : null;
    }

    /// <summary>The production's key.</summary>
    [JsonIgnore]
    public ProductionKey Key => new(Name, CodeVersion, OutputVersion);

    internal ProductionSettings ToSettings()
        => new(Key, Mode, Raw, Output, !NoRegister, Nights, Targets, Generate is null ? null : ToSurvey(Generate));

    private static SnfSurveyOptions ToSurvey(ProductionDataConfig g) => new() { Nights = g.Nights, Targets = g.Targets, Seed = g.Seed };
}
