using Microsoft.Extensions.DependencyInjection;
using Nightshift.Activities.Lap;
using Nightshift.Durable;

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
    /// Adds LAP to a Nightshift builder. <paramref name="configure"/> sets <see cref="LapOptions.LedgerPath"/>: give it the
    /// store's SQLite file so that <c>lap_runs</c> and <c>lap_exposures</c> sit next to the instances.
    /// </summary>
    public static NightshiftBuilder AddLap(this NightshiftBuilder builder, Action<LapOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<LapOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder
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
