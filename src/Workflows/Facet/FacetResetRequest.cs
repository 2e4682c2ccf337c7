namespace Nightshift.Workflows.Facet;

/// <summary>The payload of the <see cref="FacetPipeline.ResetEvent"/> event: ledger step keys to reset (with everything below them).</summary>
public sealed record FacetResetRequest(IReadOnlyList<string> Steps);
