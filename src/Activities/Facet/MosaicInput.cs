namespace Nightshift.Activities.Facet;

/// <summary>Input of <see cref="FacetActivityNames.Mosaic"/>: the facet images (their checksums make new images redo the mosaic).</summary>
public sealed record MosaicInput(string WorkingDir, IReadOnlyList<FacetDirection> Directions, IReadOnlyList<FacetImageResult> Images, FacetSettings Settings);
