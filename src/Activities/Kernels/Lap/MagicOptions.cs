namespace Nightshift.Activities.Kernels.Lap;

/// <summary>Options of the magic/destreak stage.</summary>
public sealed record MagicOptions
{
    /// <summary>Pixels of the difference at or above this significance (either sign) vote in the Hough transform.</summary>
    public double PixelThreshold { get; init; } = 4;

    /// <summary>A line needs at least this many voting pixels.</summary>
    public int MinVotes { get; init; } = 30;

    /// <summary>A line's voting pixels must span at least this many pixels along it (compact sources do not).</summary>
    public double MinLength { get; init; } = 30;

    /// <summary>Half-width of the masked band, pixels; null means 3 PSF sigmas + 2.</summary>
    public double? MaskHalfWidth { get; init; }

    /// <summary>Angular step of the Hough accumulator, degrees.</summary>
    public double ThetaStepDeg { get; init; } = 0.5;

    /// <summary>At most this many streaks are taken from one difference.</summary>
    public int MaxStreaks { get; init; } = 5;
}
