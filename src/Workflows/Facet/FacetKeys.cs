namespace Nightshift.Workflows.Facet;

/// <summary>Ledger scopes and step keys of the facet pipeline, and its operation names (Factor's).</summary>
public static class FacetKeys
{
    /// <summary>Peel an outlier source.</summary>
    public const string OutlierPeel = "outlierpeel";

    /// <summary>Self-calibrate a direction.</summary>
    public const string FacetSelfcal = "facetselfcal";

    /// <summary>Subtract a direction's calibrated model.</summary>
    public const string FacetSub = "facetsub";

    /// <summary>Image a facet.</summary>
    public const string FacetImage = "facetimage";

    /// <summary>Mosaic the field.</summary>
    public const string FieldMosaic = "fieldmosaic";

    /// <summary>The pseudo-direction of field-wide steps.</summary>
    public const string Field = "field";

    /// <summary>The operations of a direction, in order (what <c>-r DIR</c> without <c>-o</c> resets).</summary>
    public static IReadOnlyList<string> DirectionOperations { get; } = [OutlierPeel, FacetSelfcal, FacetSub, FacetImage];

    /// <summary>Every operation name <c>-o</c> accepts.</summary>
    public static IReadOnlyList<string> AllOperations { get; } = [OutlierPeel, FacetSelfcal, FacetSub, FacetImage, FieldMosaic];

    /// <summary>The ledger scope of the field in <paramref name="workingDir"/>.</summary>
    public static string Scope(string workingDir) => "facet:" + workingDir.TrimEnd('/');

    /// <summary>The step key of <paramref name="operation"/> on <paramref name="direction"/>.</summary>
    public static string Step(string direction, string operation) => $"{direction}/{operation}";

    /// <summary>Step keys for <c>-r DIRS [-o OPS]</c>; <c>field</c> stands for the mosaic.</summary>
    public static IReadOnlyList<string> ResetSelectors(IEnumerable<string> directions, IReadOnlyCollection<string>? operations)
    {
        var keys = new List<string>();
        foreach (var d in directions)
        {
            if (d == Field)
            {
                keys.Add(Step(Field, FieldMosaic));
                continue;
            }

            foreach (var op in operations is { Count: > 0 } ? operations : DirectionOperations)
            {
                if (op != FieldMosaic)
                {
                    keys.Add(Step(d, op));
                }
            }
        }

        return keys;
    }
}
