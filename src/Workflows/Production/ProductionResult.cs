using Nightshift.Activities.Production;

namespace Nightshift.Workflows.Production;

/// <summary>The summary of a production run.</summary>
/// <param name="Key">The production.</param>
/// <param name="Mode">The run's mode.</param>
/// <param name="NightsRun">Nights whose night plans ran in this run.</param>
/// <param name="NightsSkipped">Nights already done before this run and not run again.</param>
/// <param name="NightsDone">Nights whose plans completed in this run.</param>
/// <param name="PhotometricNights">Of those, the photometric ones.</param>
/// <param name="TargetsDone">Targets whose plans completed in this run.</param>
/// <param name="TargetsBlocked">Targets not run because a night they need is not done, as "TARGET: NIGHT…".</param>
/// <param name="Failures">Failed plans, as "UNIT PLAN: ERROR".</param>
public sealed record ProductionResult(
    ProductionKey Key,
    string Mode,
    IReadOnlyList<string> NightsRun,
    IReadOnlyList<string> NightsSkipped,
    int NightsDone,
    int PhotometricNights,
    int TargetsDone,
    IReadOnlyList<string> TargetsBlocked,
    IReadOnlyList<string> Failures);
