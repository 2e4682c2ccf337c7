namespace Nightshift.Activities.Kernels.Lap;

/// <summary>A projection cell: a tangent point, the radius that a LAP run selects exposures within, and its skycells.</summary>
/// <param name="Name">For example "PC000".</param>
/// <param name="RaDeg">Centre right ascension, degrees.</param>
/// <param name="DecDeg">Centre declination, degrees.</param>
/// <param name="RadiusDeg">Radius covering the skycells, degrees.</param>
/// <param name="Skycells">The skycell grid.</param>
public sealed record ProjectionCell(string Name, double RaDeg, double DecDeg, double RadiusDeg, IReadOnlyList<Skycell> Skycells);
