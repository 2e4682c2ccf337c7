namespace Nightshift.Activities.Production;

/// <summary>A followed target and the nights it was observed on (from the night logs).</summary>
internal sealed record TargetNights(string Target, IReadOnlyList<string> Nights);
