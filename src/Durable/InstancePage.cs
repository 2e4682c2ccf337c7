namespace Nightshift.Durable;

/// <summary>One page of a query, newest instances first.</summary>
/// <param name="Instances">The rows of this page.</param>
/// <param name="ContinuationToken">Pass it back for the next page; null on the last page.</param>
public sealed record InstancePage(IReadOnlyList<OrchestrationState> Instances, string? ContinuationToken);
