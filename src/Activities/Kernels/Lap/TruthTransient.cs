namespace Nightshift.Activities.Kernels.Lap;

/// <summary>A transient injected into one exposure.</summary>
/// <param name="ExpId">The exposure it is in.</param>
/// <param name="ExposureName">That exposure's name.</param>
/// <param name="RaDeg">Right ascension, degrees.</param>
/// <param name="DecDeg">Declination, degrees.</param>
/// <param name="Flux">Total flux, electrons (= ADU at the demo gain of 1).</param>
/// <param name="ExpectedSnr">The S/N it was designed to have in a pair difference at the worst seeing of the survey.</param>
public sealed record TruthTransient(int ExpId, string ExposureName, double RaDeg, double DecDeg, double Flux, double ExpectedSnr);
