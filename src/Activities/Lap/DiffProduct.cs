using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>One skycell's difference and its catalogue.</summary>
public sealed record DiffProduct(string Skycell, ImageProduct Output, string CatalogPath, int Detections, double BadFraction);
