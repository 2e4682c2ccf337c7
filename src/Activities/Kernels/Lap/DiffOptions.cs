namespace Nightshift.Activities.Kernels.Lap;

/// <summary>Options of the difference stage.</summary>
public sealed record DiffOptions
{
    /// <summary>Detection threshold on the matched-filter significance.</summary>
    public double Threshold { get; init; } = 5;

    /// <summary>
    /// Fractional systematic error added to the variance in proportion to each image's own signal, so that imperfect PSF
    /// matching around bright stars is not mistaken for a transient.
    /// </summary>
    public double SystematicFraction { get; init; } = 0.03;

    /// <summary>A pixel is searched only when at least this fraction of the filter's weight falls on good pixels.</summary>
    public double MinKernelCoverage { get; init; } = 0.97;

    /// <summary>PSF sigma assumed for an input without a PSFSIG card, pixels.</summary>
    public double DefaultPsfSigma { get; init; } = 1.5;

    /// <summary>Box size of the residual background removed from the difference, pixels (0 keeps it).</summary>
    public int BackgroundBox { get; init; } = 24;

    /// <summary>A detection is the extreme of its sign within this many pixels.</summary>
    public int PeakRadius { get; init; } = 3;
}
