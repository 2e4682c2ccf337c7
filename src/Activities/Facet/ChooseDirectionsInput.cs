using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>Input of <see cref="FacetActivityNames.Directions"/>.</summary>
/// <param name="WorkingDir">The working directory (where <c>factor_directions.txt</c> is looked for and written).</param>
/// <param name="InputDir">Where <c>skymodel.csv</c> is, for automatic selection.</param>
/// <param name="DirectionsFile">The parset's <c>directions_file</c>, if any.</param>
/// <param name="Selection">Criteria for automatic selection.</param>
/// <param name="Settings">Faceting radius and beam.</param>
public sealed record ChooseDirectionsInput(string WorkingDir, string InputDir, string? DirectionsFile, DirectionSelectionOptions Selection, FacetSettings Settings);
