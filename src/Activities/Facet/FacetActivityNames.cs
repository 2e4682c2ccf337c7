namespace Nightshift.Activities.Facet;

/// <summary>The registered names of the facet pipeline's activities.</summary>
public static class FacetActivityNames
{
    /// <summary>Check input, convert the DI table, chunk the data.</summary>
    public const string Prepare = "facet.prepare";

    /// <summary>Read or choose the directions and write <c>factor_directions.txt</c>.</summary>
    public const string Directions = "facet.directions";

    /// <summary>One selfcal cycle (cycle 0: the initial image).</summary>
    public const string SelfcalCycle = "facet.selfcal.cycle";

    /// <summary>Selfcal verification.</summary>
    public const string Verify = "facet.selfcal.verify";

    /// <summary>Subtract a direction's calibrated model from the working data.</summary>
    public const string Subtract = "facet.subtract";

    /// <summary>Add a subtracted model back: the undo of <see cref="Subtract"/>.</summary>
    public const string AddBack = "facet.addback";

    /// <summary>Image a facet.</summary>
    public const string Image = "facet.image";

    /// <summary>Mosaic the facet images with primary-beam correction.</summary>
    public const string Mosaic = "facet.mosaic";
}
