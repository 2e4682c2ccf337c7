using Nightshift.Activities.Facet;

namespace Nightshift.Workflows.Facet;

/// <summary>What a facet run did.</summary>
public sealed record FacetRunResult
{
    /// <summary>Selfcal groups in the plan.</summary>
    public int Groups { get; init; }

    /// <summary>Groups processed (in this run or skipped as done before).</summary>
    public int GroupsDone { get; init; }

    /// <summary>True when <c>-s</c> stopped the run before the last group.</summary>
    public bool Stopped { get; init; }

    /// <summary>Directions whose selfcal passed verification.</summary>
    public IReadOnlyList<string> Passed { get; init; } = [];

    /// <summary>Directions whose selfcal failed verification.</summary>
    public IReadOnlyList<string> Failed { get; init; } = [];

    /// <summary>Selfcal results by direction.</summary>
    public IReadOnlyList<SelfcalResult> Selfcal { get; init; } = [];

    /// <summary>Facet images.</summary>
    public IReadOnlyList<FacetImageResult> Images { get; init; } = [];

    /// <summary>The mosaic, when the run got that far.</summary>
    public MosaicResult? Mosaic { get; init; }
}
