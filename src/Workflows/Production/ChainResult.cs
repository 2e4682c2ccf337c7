namespace Nightshift.Workflows.Production;

/// <summary>How a chain ended: <c>done</c>, <c>failed</c> (with the plan and its error) or <c>stopped</c>.</summary>
internal sealed record ChainResult(string Kind, string Unit, string Status, string? FailedPlan, string? Error, bool? Photometric);
