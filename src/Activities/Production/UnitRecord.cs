namespace Nightshift.Activities.Production;

/// <summary>
/// The end of one night's or one target's chain, for the record activity: its status (<c>done</c>, <c>failed</c>,
/// <c>stopped</c>, <c>blocked</c>), the plans that completed with their outputs, and the failed plan if any.
/// </summary>
internal sealed record UnitRecord(
    ProductionKey Key,
    bool Register,
    string Prod,
    string Kind,
    string Unit,
    string Status,
    IReadOnlyList<string> Nights,
    string? FailedPlan,
    string? Error,
    string? InstanceId,
    IReadOnlyList<PlanOutputs> Completed)
{
    public const string Night = "night";
    public const string Target = "target";
}
