namespace Nightshift.Activities.Facet;

/// <summary>Input of <see cref="FacetActivityNames.Verify"/>: the final joint solutions of a direction's selfcal.</summary>
public sealed record VerifyInput(
    string WorkingDir,
    string InputDir,
    string Direction,
    IReadOnlyList<FacetDirection> Directions,
    IReadOnlyList<string> Joint,
    string Solutions,
    FacetSettings Settings);
