using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>One skycell: a rectangle of a projection cell's pixel grid with its own TAN WCS (sharing the cell's tangent point).</summary>
/// <param name="Name">For example "PC000.sc02".</param>
/// <param name="ProjectionCell">The projection cell it belongs to.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Wcs">Its WCS.</param>
public sealed record Skycell(string Name, string ProjectionCell, int Width, int Height, TanWcs Wcs);
