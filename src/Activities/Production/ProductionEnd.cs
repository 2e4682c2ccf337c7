namespace Nightshift.Activities.Production;

/// <summary>The end of a production run, with its counts, for the productions table.</summary>
internal sealed record ProductionEnd(ProductionKey Key, bool Register, string Status, int NightsDone, int NightsFailed, int TargetsDone, int TargetsFailed, int TargetsBlocked);
