using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>Input of <see cref="FacetActivityNames.Prepare"/>.</summary>
/// <param name="WorkingDir">The run's working directory.</param>
/// <param name="InputDir">The directory with <c>field.vis</c>, <c>skymodel.csv</c> and <c>di_table.csv</c>.</param>
/// <param name="Simulate">When set and the input has no <c>field.vis</c>, a synthetic field is simulated into it first.</param>
public sealed record PrepareFieldInput(string WorkingDir, string InputDir, SimulationOptions? Simulate);
