namespace Nightshift.Activities.Facet;

/// <summary>Input of <see cref="FacetActivityNames.Subtract"/>.</summary>
/// <param name="SolutionsChecksum">Part of the step's identity: new solutions mean the old subtraction is undone and redone.</param>
public sealed record SubtractInput(
    string WorkingDir,
    string InputDir,
    string Direction,
    IReadOnlyList<FacetDirection> Directions,
    string Solutions,
    string SolutionsChecksum,
    FacetSettings Settings);
