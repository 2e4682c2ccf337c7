namespace Nightshift.Activities.Kernels.Des;

/// <summary>The role of an exposure in the night.</summary>
public enum DesExposureKind
{
    /// <summary>An earlier image of a field, subtracted from the search images.</summary>
    Template,

    /// <summary>A new image of a field, searched for transients.</summary>
    Search,
}
