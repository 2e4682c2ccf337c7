namespace Nightshift.Activities.Kernels.Des;

/// <summary>An injected variable source: a transient in one search exposure, or a source that is in a field's templates only.</summary>
/// <param name="Kind">transient or template-only.</param>
/// <param name="Field">The field.</param>
/// <param name="ExpNum">The search exposure of a transient; 0 for a template-only source.</param>
/// <param name="Ccd">The CCD it was placed on.</param>
/// <param name="RaDeg">Right ascension, degrees.</param>
/// <param name="DecDeg">Declination, degrees.</param>
/// <param name="Mag">Magnitude.</param>
/// <param name="Flux">Flux in the exposure it was placed on, ADU.</param>
/// <param name="ExpectedSnr">S/N expected in a difference image against a template of the same depth.</param>
/// <param name="OnGalaxy">True when placed near a galaxy (a host), as kilonova candidates are.</param>
public sealed record DesTruthSource(string Kind, string Field, int ExpNum, int Ccd, double RaDeg, double DecDeg, double Mag, double Flux,
    double ExpectedSnr, bool OnGalaxy);
