namespace Nightshift.Activities.Kernels.Facet;

/// <summary>A point-like source of the sky model.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="RaDeg">Right ascension, degrees.</param>
/// <param name="DecDeg">Declination, degrees.</param>
/// <param name="FluxJy">Intrinsic flux density in Jy (before primary-beam attenuation).</param>
/// <param name="SizeArcsec">Angular size in arcseconds (0 for a point); used only by direction selection.</param>
public sealed record SkySource(string Name, double RaDeg, double DecDeg, double FluxJy, double SizeArcsec = 0);
