using Nightshift.Activities.Facet;

namespace Nightshift.Workflows.Facet;

/// <summary>Input of the per-direction selfcal orchestration.</summary>
/// <param name="Scope">The ledger scope of the field.</param>
/// <param name="Operation">facetselfcal, or outlierpeel for an outlier.</param>
/// <param name="WorkingDir">The working directory.</param>
/// <param name="InputDir">The input directory (sky model).</param>
/// <param name="Direction">The direction.</param>
/// <param name="Directions">Every direction of the layout.</param>
/// <param name="Joint">The directions still in the data, this one first: solved together.</param>
/// <param name="MaxSelfcalLoops">Most amplitude+phase cycles.</param>
/// <param name="MinDynamicRangeImprovement">Early-stop threshold, a fraction.</param>
/// <param name="Settings">Imaging and verification settings.</param>
public sealed record SelfcalInput(
    string Scope,
    string Operation,
    string WorkingDir,
    string InputDir,
    string Direction,
    IReadOnlyList<FacetDirection> Directions,
    IReadOnlyList<string> Joint,
    int MaxSelfcalLoops,
    double MinDynamicRangeImprovement,
    FacetSettings Settings);
