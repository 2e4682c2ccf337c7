namespace Nightshift.Workflows.Tests.Facet;

/// <summary>The parts of an instance's state the facet tests look at.</summary>
internal sealed record OrchestrationStateView(string Status, string? Failure, string? CustomStatus);
