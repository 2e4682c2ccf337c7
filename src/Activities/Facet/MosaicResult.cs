namespace Nightshift.Activities.Facet;

/// <summary>The field mosaic and its statistics.</summary>
public sealed record MosaicResult(string Image, double DynamicRange, double Rms, double Peak, int Facets);
