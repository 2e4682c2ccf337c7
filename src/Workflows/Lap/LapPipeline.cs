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
            .AddOrchestrator<LapOrchestration>(Name)
            .AddOrchestrator<LapSequenceOrchestration>(Sequence)
            .AddOrchestrator<LapRunOrchestration>(Run)
            .AddTaskActivity<GenerateSurveyActivity>(LapActivityNames.GenerateSurvey)
            .AddTaskActivity<DefineRunActivity>(LapActivityNames.DefineRun)
            .AddTaskActivity<LookupActivity>(LapActivityNames.Lookup)
            .AddTaskActivity<StateActivity>(LapActivityNames.State)
            .AddTaskActivity<ChipActivity>(LapActivityNames.Chip)
            .AddTaskActivity<WarpActivity>(LapActivityNames.Warp)
            .AddTaskActivity<StackActivity>(LapActivityNames.Stack)
            .AddTaskActivity<StacksQueryActivity>(LapActivityNames.Stacks)
            .AddTaskActivity<DiffActivity>(LapActivityNames.Diff)
            .AddTaskActivity<MagicActivity>(LapActivityNames.Magic)
            .AddTaskActivity<CleanupActivity>(LapActivityNames.Cleanup)
            .AddTaskActivity<SummaryActivity>(LapActivityNames.Summary);
    }
}
