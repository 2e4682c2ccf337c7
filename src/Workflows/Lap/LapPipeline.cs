using Nightshift.Activities.Lap;
using Nightshift.Durable;
using Nightshift.Durable.Storage;

namespace Nightshift.Workflows.Lap;

/// <summary>Registers the LAP pipeline: the orchestrations lap, lap.sequence and lap.run and their activities.</summary>
public static class LapPipeline
{
    /// <summary>The top-level orchestration (survey, sequence, summary).</summary>
    public const string Name = "lap";

    /// <summary>The sequence orchestration.</summary>
    public const string Sequence = "lap.sequence";

    /// <summary>The run orchestration.</summary>
    public const string Run = "lap.run";

    /// <summary>
    /// Adds LAP to a Nightshift builder. Its ledger (<c>lap_runs</c>, <c>lap_exposures</c>, …) is kept in the store's
    /// database through the store seam, next to the instances it describes, on SQLite and PostgreSQL alike.
    /// </summary>
    public static NightshiftBuilder AddLap(this NightshiftBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddStoreSchema(LapLedger.Schema)
            .AddOrchestration<LapOrchestration>(Name)
            .AddOrchestration<LapSequenceOrchestration>(Sequence)
            .AddOrchestration<LapRunOrchestration>(Run)
            .AddActivity<GenerateSurveyActivity>(LapActivityNames.GenerateSurvey)
            .AddActivity<DefineRunActivity>(LapActivityNames.DefineRun)
            .AddActivity<LookupActivity>(LapActivityNames.Lookup)
            .AddActivity<StateActivity>(LapActivityNames.State)
            .AddActivity<ChipActivity>(LapActivityNames.Chip)
            .AddActivity<WarpActivity>(LapActivityNames.Warp)
            .AddActivity<StackActivity>(LapActivityNames.Stack)
            .AddActivity<StacksQueryActivity>(LapActivityNames.Stacks)
            .AddActivity<DiffActivity>(LapActivityNames.Diff)
            .AddActivity<MagicActivity>(LapActivityNames.Magic)
            .AddActivity<CleanupActivity>(LapActivityNames.Cleanup)
            .AddActivity<SummaryActivity>(LapActivityNames.Summary);
    }
}
