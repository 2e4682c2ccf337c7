namespace Nightshift.Activities.Production;

/// <summary>
/// The begin activity's answer: absolute raw and product directories, every night with data (sorted), the nights
/// whose night plans this production has already done, and every target with its nights.
/// </summary>
internal sealed record ProductionPlan(string Raw, string Prod, IReadOnlyList<string> Nights, IReadOnlyList<string> DoneNights, IReadOnlyList<TargetNights> Targets);
