namespace Nightshift.Activities.Facet;

/// <summary>A facet image and its statistics.</summary>
public sealed record FacetImageResult(string Direction, string Image, string Checksum, string SolutionsFrom, double DynamicRange, double Rms, double Peak);
