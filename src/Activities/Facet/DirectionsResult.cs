namespace Nightshift.Activities.Facet;

/// <summary>The directions of a run and where they came from.</summary>
/// <param name="Directions">In file order (brightest first when chosen automatically).</param>
/// <param name="Source">The file read, or <c>automatic</c>.</param>
/// <param name="File">The directions file the run uses from now on.</param>
public sealed record DirectionsResult(IReadOnlyList<FacetDirection> Directions, string Source, string File);
