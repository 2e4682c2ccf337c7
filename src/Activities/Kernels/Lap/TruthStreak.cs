namespace Nightshift.Activities.Kernels.Lap;

/// <summary>A satellite streak: the straight line through two sky points (where it enters and leaves the exposure).</summary>
/// <param name="ExpId">The exposure it crosses.</param>
/// <param name="ExposureName">That exposure's name.</param>
/// <param name="Ra1Deg">First point, right ascension.</param>
/// <param name="Dec1Deg">First point, declination.</param>
/// <param name="Ra2Deg">Second point, right ascension.</param>
/// <param name="Dec2Deg">Second point, declination.</param>
/// <param name="PeakSurfaceBrightness">Peak electrons per pixel on the line.</param>
public sealed record TruthStreak(int ExpId, string ExposureName, double Ra1Deg, double Dec1Deg, double Ra2Deg, double Dec2Deg, double PeakSurfaceBrightness);
