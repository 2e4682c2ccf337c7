namespace Nightshift.Activities.Kernels.Des;

/// <summary>A star of the GAIA-style reference catalogue (no proper motions: the synthetic sky is static).</summary>
/// <param name="SourceId">Catalogue identifier.</param>
/// <param name="RaDeg">Right ascension, degrees.</param>
/// <param name="DecDeg">Declination, degrees.</param>
/// <param name="Mag">Magnitude in the night's band, with catalogue noise.</param>
public sealed record DesReferenceStar(long SourceId, double RaDeg, double DecDeg, double Mag);
