namespace Nightshift.Activities.Demo;

/// <summary>What <see cref="SummariseActivity"/> turns into the demo's output.</summary>
/// <param name="Size">The integers per chunk.</param>
/// <param name="Totals">The reduced totals.</param>
/// <param name="Verification">The checks made on them.</param>
/// <param name="ElapsedSeconds">Orchestration time from start to summary, by the replay-safe clock.</param>
/// <param name="Released">The event that released the run's gate, if it had one.</param>
public sealed record SummaryInput(int Size, DemoTotals Totals, DemoVerification Verification, double ElapsedSeconds, string? Released = null);
