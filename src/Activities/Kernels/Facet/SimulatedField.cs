namespace Nightshift.Activities.Kernels.Facet;

/// <summary>A synthetic field: the data, its sky model and the truth it was made from.</summary>
/// <param name="Data">The noisy, corrupted visibilities.</param>
/// <param name="Sky">The sky model (intrinsic fluxes; calibrators first, brightest first).</param>
/// <param name="Calibrators">The calibrators as directions, each the centre of a region of constant gain.</param>
/// <param name="TrueGains">Per calibrator name: the total gains (direction-independent × direction-dependent).</param>
/// <param name="DirectionIndependent">The direction-independent gain of each antenna.</param>
/// <param name="Beam">The primary beam applied to the sky.</param>
/// <param name="NoiseSigmaJy">Noise per real/imaginary part, Jy.</param>
public sealed record SimulatedField(
    Visibilities Data,
    IReadOnlyList<SkySource> Sky,
    IReadOnlyList<Direction> Calibrators,
    GainTable TrueGains,
    IReadOnlyList<System.Numerics.Complex> DirectionIndependent,
    PrimaryBeam Beam,
    double NoiseSigmaJy);
