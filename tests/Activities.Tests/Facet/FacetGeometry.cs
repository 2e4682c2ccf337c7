namespace Nightshift.Activities.Tests.Facet;

internal static class FacetGeometry
{
    /// <summary>Great-circle separation in degrees (vector form, independent of the kernel's haversine).</summary>
    public static double Separation(double ra1, double dec1, double ra2, double dec2)
    {
        static (double, double, double) V(double ra, double dec) =>
            (Math.Cos(dec * Math.PI / 180) * Math.Cos(ra * Math.PI / 180), Math.Cos(dec * Math.PI / 180) * Math.Sin(ra * Math.PI / 180), Math.Sin(dec * Math.PI / 180));
        var (x1, y1, z1) = V(ra1, dec1);
        var (x2, y2, z2) = V(ra2, dec2);
        var cross = Math.Sqrt(Math.Pow((y1 * z2) - (z1 * y2), 2) + Math.Pow((z1 * x2) - (x1 * z2), 2) + Math.Pow((x1 * y2) - (y1 * x2), 2));
        return Math.Atan2(cross, (x1 * x2) + (y1 * y2) + (z1 * z2)) * 180 / Math.PI;
    }
}
