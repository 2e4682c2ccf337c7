namespace Nightshift.Activities.Kernels.Facet;

/// <summary>A calibration direction (a line of <c>factor_directions.txt</c>).</summary>
/// <param name="Name">Direction name, e.g. <c>facet1</c>.</param>
/// <param name="RaDeg">Right ascension of the calibrator, degrees.</param>
/// <param name="DecDeg">Declination of the calibrator, degrees.</param>
/// <param name="FluxJy">Apparent flux of the calibrator in Jy, NaN when unknown.</param>
/// <param name="CalRadiusDeg">Radius of the calibrator region, degrees, NaN when unset.</param>
/// <param name="OutlierSource">Whether this is an outlier to peel rather than a facet.</param>
public sealed record Direction(string Name, double RaDeg, double DecDeg, double FluxJy = double.NaN, double CalRadiusDeg = double.NaN, bool OutlierSource = false);
