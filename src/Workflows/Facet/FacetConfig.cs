using Nightshift.Activities.Facet;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Workflows.Facet;

/// <summary>A facet self-calibration run, as read from a Factor-style parset (or YAML) with absolute paths.</summary>
public sealed record FacetConfig
{
    /// <summary>The working directory (<c>dir_working</c>): chunks, directions file, results.</summary>
    public required string WorkingDir { get; init; }

    /// <summary>The input directory (<c>dir_ms</c>) with field.vis, skymodel.csv, di_table.csv.</summary>
    public required string InputDir { get; init; }

    /// <summary>The parset's <c>directions_file</c>, if any.</summary>
    public string? DirectionsFile { get; init; }

    /// <summary>Pause after the directions are chosen until <c>nightshift resume</c>.</summary>
    public bool Interactive { get; init; }

    /// <summary>Stop the run when a direction fails selfcal verification.</summary>
    public bool ExitOnSelfcalFailure { get; init; } = true;

    /// <summary>Most amplitude+phase cycles per direction.</summary>
    public int MaxSelfcalLoops { get; init; } = 10;

    /// <summary>The loop stops when the dynamic range improves by less than this fraction (and |min/max| no longer improves).</summary>
    public double MinDynamicRangeImprovement { get; init; } = 0.0125;

    /// <summary>Factor's <c>groupings</c>: <c>SIZE:COUNT, …</c>.</summary>
    public string Groupings { get; init; } = "1:0";

    /// <summary><c>-s N</c>: stop cleanly after this many selfcal groups.</summary>
    public int? StopAfterGroups { get; init; }

    /// <summary>Automatic direction selection criteria.</summary>
    public DirectionSelectionOptions Selection { get; init; } = new();

    /// <summary>Imaging, calibration and verification settings.</summary>
    public FacetSettings Settings { get; init; } = new();

    /// <summary>When set and the input directory has no data, a synthetic field is simulated into it.</summary>
    public SimulationOptions? Simulate { get; init; }

    /// <summary>The steps ledger scope of this field: its working directory.</summary>
    public string Scope => FacetKeys.Scope(WorkingDir);
}
