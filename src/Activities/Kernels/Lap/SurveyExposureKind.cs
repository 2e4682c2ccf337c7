namespace Nightshift.Activities.Kernels.Lap;

/// <summary>What the generator meant an exposure to be (truth; the pipeline must work it out from the headers).</summary>
public enum SurveyExposureKind
{
    /// <summary>One of two visits with the same OBJECT and COMMENT.</summary>
    Pair,

    /// <summary>A visit without a companion.</summary>
    Private,

    /// <summary>A focus or test exposure, not science.</summary>
    Junk,
}
