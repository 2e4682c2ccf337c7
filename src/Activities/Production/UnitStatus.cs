namespace Nightshift.Activities.Production;

/// <summary>
/// The status file a chain leaves in its own directory (<c>night-status.json</c>, <c>target-status.json</c>); for a
/// production run with --no-register it is the only record, and incremental runs read it instead of the tables.
/// </summary>
internal sealed record UnitStatus(string Unit, string Status, bool? Photometric, string? FailedPlan, string? Error, string? InstanceId);
