using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>Input of <see cref="FacetActivityNames.SelfcalCycle"/>.</summary>
/// <param name="WorkingDir">The working directory.</param>
/// <param name="InputDir">Where the sky model is.</param>
/// <param name="Direction">The direction being self-calibrated.</param>
/// <param name="Directions">Every direction of the layout (source ownership).</param>
/// <param name="Joint">The directions still in the data (not yet subtracted), solved together with this one; it comes first.</param>
/// <param name="Cycle">0 for the initial (uncalibrated) image, then 1, 2, ….</param>
/// <param name="Mode">Phase-only or amplitude+phase.</param>
/// <param name="Seed">The previous cycle's joint solutions file, if any.</param>
/// <param name="Settings">Imaging and solver settings.</param>
public sealed record SelfcalCycleInput(
    string WorkingDir,
    string InputDir,
    string Direction,
    IReadOnlyList<FacetDirection> Directions,
    IReadOnlyList<string> Joint,
    int Cycle,
    SolveMode Mode,
    string? Seed,
    FacetSettings Settings);
