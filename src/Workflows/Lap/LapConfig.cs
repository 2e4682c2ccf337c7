using System.Text.Json.Serialization;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Workflows.Lap;

/// <summary>The LAP pipeline's configuration (the <c>input:</c> of <c>lap.yaml</c>); the defaults run the demo survey.</summary>
public sealed record LapConfig
{
    /// <summary>The synthetic survey to generate.</summary>
    public SurveyConfig Survey { get; init; } = new();

    /// <summary>Where stacks, differences, catalogues and the summary are written.</summary>
    public string OutputDirectory { get; init; } = "lap-output";

    /// <summary>The survey directory; OUTPUT/survey when null.</summary>
    public string? SurveyDirectory { get; init; }

    /// <summary>Generate the synthetic survey first (false: use an existing one).</summary>
    public bool Generate { get; init; } = true;

    /// <summary>The sequence name.</summary>
    public string Sequence { get; init; } = "seq1";

    /// <summary>The run queue; one run per projection cell of the survey when null.</summary>
    public IReadOnlyList<LapRunDefinition>? Runs { get; init; }

    /// <summary>Runs kept active at once.</summary>
    public int MaxActiveRuns { get; init; } = 2;

    /// <summary>Chip-stage bad-fraction limit.</summary>
    public double ChipLimit { get; init; } = 0.05;

    /// <summary>Warp-stage bad-fraction limit.</summary>
    public double WarpLimit { get; init; } = 0.30;

    /// <summary>Diff-stage bad-fraction limit.</summary>
    public double DiffLimit { get; init; } = 0.50;

    /// <summary>Fewest warps a stack is made from.</summary>
    public int MinStackInputs { get; init; } = 6;

    /// <summary>
    /// Where kernels run: inproc (activities in the worker), slurm (each kernel a SLURM batch job, <c>nightshift kernel</c> on
    /// the node) or local (each kernel a local process through the job layer). The batch executors need a worker with the
    /// job layer (<c>AddJobs</c>) serving that backend.
    /// </summary>
    public string Executor { get; init; } = "inproc";

    /// <summary>Batch executors: the partition (SLURM) each kernel job is submitted to; the scheduler's default when null.</summary>
    public string? Partition { get; init; }

    /// <summary>Batch executors: the account charged; the scheduler's default when null.</summary>
    public string? Account { get; init; }

    /// <summary>Batch executors: memory per kernel job in MiB; the scheduler's default when null.</summary>
    public int? JobMemoryMb { get; init; }

    /// <summary>Batch executors: wall-clock limit per kernel job in minutes (over it: a timeout fault, class 6); none when null.</summary>
    public double? JobWalltimeMinutes { get; init; }

    /// <summary>Attempts of a step that fails with a system fault (class 2).</summary>
    public int SystemRetries { get; init; } = 3;

    /// <summary>Seconds before retrying a system fault.</summary>
    public double RetrySeconds { get; init; } = 1;

    /// <summary>Seconds between looks at an exposure that another run is processing.</summary>
    public double PollSeconds { get; init; } = 1;

    /// <summary>Clean chips that no active run uses once a run is full.</summary>
    public bool Cleanup { get; init; } = true;

    /// <summary>Faults to inject (tests and operator drills).</summary>
    public IReadOnlyList<LapFaultInjection>? Injections { get; init; }

    /// <summary>A detection within this distance of an injected transient matches it.</summary>
    public double MatchRadiusArcsec { get; init; } = 2;

    /// <summary>Injected transients below this designed S/N are not counted.</summary>
    public double MinSnr { get; init; } = 5;

    /// <summary>The survey directory this configuration uses.</summary>
    [JsonIgnore]
    public string ResolvedSurveyDirectory => SurveyDirectory ?? System.IO.Path.Combine(OutputDirectory, "survey");

    /// <summary>The first problem, naming the field, or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            return "outputDirectory must be a directory";
        }

        if (string.IsNullOrWhiteSpace(Sequence))
        {
            return "sequence must be a name";
        }

        if (MaxActiveRuns < 1)
        {
            return $"maxActiveRuns must be at least 1, not {MaxActiveRuns}";
        }

        foreach (var (name, value) in new[] { ("chipLimit", ChipLimit), ("warpLimit", WarpLimit), ("diffLimit", DiffLimit) })
        {
            if (value is < 0 or > 1)
            {
                return $"{name} must be a fraction between 0 and 1, not {value}";
            }
        }

        if (MinStackInputs < 1)
        {
            return $"minStackInputs must be at least 1, not {MinStackInputs}";
        }

        if (!LapExecutors.Names.Contains(Executor))
        {
            return $"executor must be one of {string.Join(", ", LapExecutors.Names)}, not '{Executor}'";
        }

        if (JobMemoryMb is < 1 || JobWalltimeMinutes is <= 0)
        {
            return "jobMemoryMb and jobWalltimeMinutes must be positive when given";
        }

        if (SystemRetries < 1 || RetrySeconds < 0 || PollSeconds <= 0)
        {
            return "systemRetries must be at least 1, retrySeconds at least 0 and pollSeconds positive";
        }

        return null;
    }
}
