namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Spherical geometry shared by the facet kernels. Earth-fixed equatorial frame: X towards hour angle 0 on the equator,
/// Y towards hour angle −6 h (east), Z to the pole, so that b·s of a baseline and a source is the standard w term.
/// </summary>
internal static class SkyGeometry
{
    public const double Deg = Math.PI / 180.0;

    public const double SpeedOfLight = 299_792_458.0;

    /// <summary>Unit vector of (RA, Dec) in the Earth-fixed frame at local sidereal time <paramref name="lst"/> (radians).</summary>
    public static (double X, double Y, double Z) Direction(double raDeg, double decDeg, double lst)
    {
        var h = lst - (raDeg * Deg);
        var dec = decDeg * Deg;
        return (Math.Cos(dec) * Math.Cos(h), -Math.Cos(dec) * Math.Sin(h), Math.Sin(dec));
    }

    /// <summary>(u, v, w) in metres of the vector (x, y, z) for a phase centre at (RA, Dec) and sidereal time <paramref name="lst"/>.</summary>
    public static (double U, double V, double W) Uvw(double x, double y, double z, double raDeg, double decDeg, double lst)
    {
        var h = lst - (raDeg * Deg);
        var dec = decDeg * Deg;
        var u = (Math.Sin(h) * x) + (Math.Cos(h) * y);
        var v = (-Math.Sin(dec) * Math.Cos(h) * x) + (Math.Sin(dec) * Math.Sin(h) * y) + (Math.Cos(dec) * z);
        var w = (Math.Cos(dec) * Math.Cos(h) * x) - (Math.Cos(dec) * Math.Sin(h) * y) + (Math.Sin(dec) * z);
        return (u, v, w);
    }

    /// <summary>Great-circle separation in degrees.</summary>
    public static double SeparationDeg(double ra1, double dec1, double ra2, double dec2)
    {
        var d1 = dec1 * Deg;
        var d2 = dec2 * Deg;
        var dra = (ra2 - ra1) * Deg;
        // Haversine: accurate for the small separations that dominate facet work.
        var a = (Math.Sin((d2 - d1) / 2) * Math.Sin((d2 - d1) / 2)) + (Math.Cos(d1) * Math.Cos(d2) * Math.Sin(dra / 2) * Math.Sin(dra / 2));
        return 2 * Math.Asin(Math.Min(1, Math.Sqrt(a))) / Deg;
    }

    /// <summary>Position at offset (east, north) in degrees from a centre, along the tangent plane (inverse gnomonic).</summary>
    public static (double Ra, double Dec) Offset(double ra0, double dec0, double eastDeg, double northDeg)
    {
        var xi = eastDeg * Deg;
        var eta = northDeg * Deg;
        var d0 = dec0 * Deg;
        var denominator = Math.Cos(d0) - (eta * Math.Sin(d0));
        var ra = (ra0 * Deg) + Math.Atan2(xi, denominator);
        var dec = Math.Atan2(Math.Sin(d0) + (eta * Math.Cos(d0)), Math.Sqrt((xi * xi) + (denominator * denominator)));
        var raDeg = ra / Deg % 360.0;
        return (raDeg < 0 ? raDeg + 360.0 : raDeg, dec / Deg);
    }
}
