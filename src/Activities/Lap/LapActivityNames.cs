namespace Nightshift.Activities.Lap;

/// <summary>The registered names of the LAP activities.</summary>
public static class LapActivityNames
{
    /// <summary>Generates the synthetic survey.</summary>
    public const string GenerateSurvey = "lap.generate";

    /// <summary>Defines a run and its exposures.</summary>
    public const string DefineRun = "lap.define-run";

    /// <summary>Reads (and claims cleaned rows of) the sequence ledger.</summary>
    public const string Lookup = "lap.lookup";

    /// <summary>Writes run, exposure and stack states.</summary>
    public const string State = "lap.state";

    /// <summary>The chip kernel.</summary>
    public const string Chip = "lap.chip";

    /// <summary>The warp kernel.</summary>
    public const string Warp = "lap.warp";

    /// <summary>The stack kernel.</summary>
    public const string Stack = "lap.stack";

    /// <summary>Skycells of the sequence that have a stack.</summary>
    public const string Stacks = "lap.stacks";

    /// <summary>The diff kernel.</summary>
    public const string Diff = "lap.diff";

    /// <summary>The magic/destreak kernel.</summary>
    public const string Magic = "lap.magic";

    /// <summary>Cleans chips inactive in every run.</summary>
    public const string Cleanup = "lap.cleanup";

    /// <summary>Writes the summary and the transient catalogue.</summary>
    public const string Summary = "lap.summary";
}
