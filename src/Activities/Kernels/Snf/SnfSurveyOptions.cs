namespace Nightshift.Activities.Kernels.Snf;

/// <summary>Shape of a synthetic SNfactory data set.</summary>
internal sealed record SnfSurveyOptions
{
    /// <summary>Nights; at least 8, so that a target's final reference night comes well after its supernova.</summary>
    public int Nights { get; init; } = 10;

    /// <summary>Followed targets (a supernova in a host galaxy each).</summary>
    public int Targets { get; init; } = 3;

    public int Seed { get; init; } = 1;

    /// <summary>Days between nights.</summary>
    public double SpacingDays { get; init; } = 4;

    /// <summary>Fraction of nights with clouds.</summary>
    public double NonPhotometricFraction { get; init; } = 0.3;

    /// <summary>Fraction of supernova exposures (and of nights with an extra standard) that come out corrupted.</summary>
    public double BadFrameFraction { get; init; } = 0.1;

    /// <summary>Only nights with an index below this are written (the rest "have not been observed yet"); all when null.</summary>
    public int? WriteNights { get; init; }

    public string? Validate()
        => Nights < 8 ? "nights must be at least 8"
            : Targets < 1 ? "targets must be at least 1"
            : SpacingDays <= 0 ? "spacingDays must be positive"
            : NonPhotometricFraction is < 0 or > 0.8 ? "nonPhotometricFraction must be within 0..0.8"
            : BadFrameFraction is < 0 or > 0.5 ? "badFrameFraction must be within 0..0.5"
            : null;
}
