namespace Nightshift.Activities.Facet;

/// <summary>Input of <see cref="FacetActivityNames.AddBack"/>: the model file a subtraction of <paramref name="Direction"/> kept.</summary>
public sealed record AddBackInput(string WorkingDir, string Direction, string Model);
