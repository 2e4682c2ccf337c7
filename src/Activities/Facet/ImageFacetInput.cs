namespace Nightshift.Activities.Facet;

/// <summary>Input of <see cref="FacetActivityNames.Image"/>.</summary>
/// <param name="Direction">The facet to image.</param>
/// <param name="SolutionsFrom">The direction whose solutions are applied: itself, or the nearest that passed when its selfcal failed.</param>
/// <param name="Solutions">That direction's solutions table.</param>
/// <param name="SolutionsChecksum">Part of the step's identity.</param>
/// <param name="SubtractedModel">When the facet was subtracted: the model to add back before imaging.</param>
/// <param name="DataState">A digest of what the working data has had subtracted; part of the step's identity only.</param>
public sealed record ImageFacetInput(
    string WorkingDir,
    string InputDir,
    string Direction,
    IReadOnlyList<FacetDirection> Directions,
    string SolutionsFrom,
    string Solutions,
    string SolutionsChecksum,
    string? SubtractedModel,
    string DataState,
    FacetSettings Settings);
