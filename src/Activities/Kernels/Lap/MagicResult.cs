namespace Nightshift.Activities.Kernels.Lap;

/// <summary>What the magic/destreak stage found and wrote.</summary>
/// <param name="Streaks">The streaks found in the difference.</param>
/// <param name="DestreakedScience">The science warp with streak pixels masked (always written, so later stages read one kind of input).</param>
/// <param name="DestreakedTemplate">The template warp with its streaks masked, when a template warp and output were given.</param>
/// <param name="MaskedScience">Pixels newly masked in the science warp.</param>
/// <param name="MaskedTemplate">Pixels newly masked in the template warp.</param>
public sealed record MagicResult(
    IReadOnlyList<StreakLine> Streaks, ImageProduct DestreakedScience, ImageProduct? DestreakedTemplate, int MaskedScience, int MaskedTemplate);
