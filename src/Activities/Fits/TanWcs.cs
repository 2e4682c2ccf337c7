namespace Nightshift.Activities.Fits;

/// <summary>
/// A gnomonic (TAN) world coordinate system: FITS CRPIX (1-based), CRVAL (degrees) and the CD matrix (degrees per pixel).
/// The methods take and return 0-based pixel coordinates, where the centre of the first pixel is (0, 0).
/// </summary>
/// <param name="CrPix1">Reference pixel along NAXIS1, 1-based as in the header.</param>
/// <param name="CrPix2">Reference pixel along NAXIS2, 1-based as in the header.</param>
/// <param name="CrVal1">Right ascension of the reference point, degrees.</param>
/// <param name="CrVal2">Declination of the reference point, degrees.</param>
/// <param name="Cd11">CD1_1, degrees per pixel.</param>
/// <param name="Cd12">CD1_2, degrees per pixel.</param>
/// <param name="Cd21">CD2_1, degrees per pixel.</param>
/// <param name="Cd22">CD2_2, degrees per pixel.</param>
public sealed record TanWcs(double CrPix1, double CrPix2, double CrVal1, double CrVal2, double Cd11, double Cd12, double Cd21, double Cd22)
{
    private const double Deg = Math.PI / 180.0;

    /// <summary>
    /// A WCS centred on (<paramref name="raDeg"/>, <paramref name="decDeg"/>) at the centre of a
    /// <paramref name="width"/> × <paramref name="height"/> image, north up and east left when <paramref name="rotationDeg"/> is 0.
    /// </summary>
    public static TanWcs Create(double raDeg, double decDeg, int width, int height, double scaleArcsec, double rotationDeg = 0)
    {
        var s = scaleArcsec / 3600.0;
        var c = Math.Cos(rotationDeg * Deg);
        var n = Math.Sin(rotationDeg * Deg);
        // East is to the left (RA grows towards -x), hence the sign of the first column.
        return new TanWcs((width / 2.0) + 0.5, (height / 2.0) + 0.5, raDeg, decDeg, -s * c, s * n, s * n, s * c);
    }

    /// <summary>The pixel scale in arcseconds (square root of the CD determinant).</summary>
    public double PixelScaleArcsec => Math.Sqrt(Math.Abs((Cd11 * Cd22) - (Cd12 * Cd21))) * 3600.0;

    /// <summary>Sky position (degrees; RA in [0, 360)) of the 0-based pixel (x, y).</summary>
    public (double Ra, double Dec) PixelToSky(double x, double y)
    {
        var u = x + 1 - CrPix1;
        var v = y + 1 - CrPix2;
        var xi = ((Cd11 * u) + (Cd12 * v)) * Deg;
        var eta = ((Cd21 * u) + (Cd22 * v)) * Deg;
        var dec0 = CrVal2 * Deg;
        var denominator = Math.Cos(dec0) - (eta * Math.Sin(dec0));
        var ra = (CrVal1 * Deg) + Math.Atan2(xi, denominator);
        var dec = Math.Atan2(Math.Sin(dec0) + (eta * Math.Cos(dec0)), Math.Sqrt((xi * xi) + (denominator * denominator)));
        var raDeg = ra / Deg % 360.0;
        return (raDeg < 0 ? raDeg + 360.0 : raDeg, dec / Deg);
    }

    /// <summary>
    /// The 0-based pixel of a sky position (degrees). Points on the far hemisphere from the tangent point have no
    /// projection and give NaN.
    /// </summary>
    public (double X, double Y) SkyToPixel(double raDeg, double decDeg)
    {
        var ra = raDeg * Deg;
        var dec = decDeg * Deg;
        var ra0 = CrVal1 * Deg;
        var dec0 = CrVal2 * Deg;
        var cosC = (Math.Sin(dec0) * Math.Sin(dec)) + (Math.Cos(dec0) * Math.Cos(dec) * Math.Cos(ra - ra0));
        if (cosC <= 0)
        {
            return (double.NaN, double.NaN);
        }

        var xi = Math.Cos(dec) * Math.Sin(ra - ra0) / cosC / Deg;
        var eta = ((Math.Cos(dec0) * Math.Sin(dec)) - (Math.Sin(dec0) * Math.Cos(dec) * Math.Cos(ra - ra0))) / cosC / Deg;
        var det = (Cd11 * Cd22) - (Cd12 * Cd21);
        var u = ((Cd22 * xi) - (Cd12 * eta)) / det;
        var v = ((-Cd21 * xi) + (Cd11 * eta)) / det;
        return (u + CrPix1 - 1, v + CrPix2 - 1);
    }

    /// <summary>
    /// Reads the WCS from a header: CTYPE1/2 must be RA---TAN / DEC--TAN; the matrix comes from CDi_j, or else from
    /// CDELTi with PCi_j (or CROTA2). Problems throw <see cref="FitsFormatException"/> naming the file.
    /// </summary>
    public static TanWcs FromHeader(FitsHeader header)
    {
        var file = header.SourcePath ?? "(in memory)";
        var ctype1 = header.Contains("CTYPE1") ? header.GetString("CTYPE1") : null;
        var ctype2 = header.Contains("CTYPE2") ? header.GetString("CTYPE2") : null;
        if (ctype1 is null || ctype2 is null)
        {
            throw new FitsFormatException(file, "no WCS: CTYPE1/CTYPE2 are missing");
        }

        if (!ctype1.StartsWith("RA---TAN", StringComparison.Ordinal) || !ctype2.StartsWith("DEC--TAN", StringComparison.Ordinal))
        {
            throw new FitsFormatException(file, $"CTYPE1 = '{ctype1}', CTYPE2 = '{ctype2}' is not a RA---TAN/DEC--TAN projection");
        }

        double cd11, cd12, cd21, cd22;
        if (header.Contains("CD1_1") || header.Contains("CD2_2"))
        {
            cd11 = header.GetDouble("CD1_1", 0);
            cd12 = header.GetDouble("CD1_2", 0);
            cd21 = header.GetDouble("CD2_1", 0);
            cd22 = header.GetDouble("CD2_2", 0);
        }
        else
        {
            var cdelt1 = header.GetDouble("CDELT1");
            var cdelt2 = header.GetDouble("CDELT2");
            double pc11, pc12, pc21, pc22;
            if (header.Contains("PC1_1") || header.Contains("PC2_2") || header.Contains("PC1_2") || header.Contains("PC2_1"))
            {
                pc11 = header.GetDouble("PC1_1", 1);
                pc12 = header.GetDouble("PC1_2", 0);
                pc21 = header.GetDouble("PC2_1", 0);
                pc22 = header.GetDouble("PC2_2", 1);
            }
            else
            {
                // The AIPS convention: CROTA2 rotates the CDELT axes.
                var rho = header.GetDouble("CROTA2", 0) * Deg;
                var ratio = cdelt2 / cdelt1;
                pc11 = Math.Cos(rho);
                pc12 = -Math.Sin(rho) * ratio;
                pc21 = Math.Sin(rho) / ratio;
                pc22 = Math.Cos(rho);
            }

            cd11 = cdelt1 * pc11;
            cd12 = cdelt1 * pc12;
            cd21 = cdelt2 * pc21;
            cd22 = cdelt2 * pc22;
        }

        if ((cd11 * cd22) - (cd12 * cd21) == 0)
        {
            throw new FitsFormatException(file, "the WCS matrix is singular");
        }

        return new TanWcs(header.GetDouble("CRPIX1"), header.GetDouble("CRPIX2"), header.GetDouble("CRVAL1"), header.GetDouble("CRVAL2"),
            cd11, cd12, cd21, cd22);
    }

    /// <summary>Writes CTYPE, CUNIT, CRPIX, CRVAL and CD cards (removing any CDELT/PC/CROTA cards that would conflict).</summary>
    public void WriteTo(FitsHeader header)
    {
        foreach (var key in new[] { "CDELT1", "CDELT2", "CROTA2", "PC1_1", "PC1_2", "PC2_1", "PC2_2" })
        {
            header.Remove(key);
        }

        header.Set("CTYPE1", "RA---TAN", "gnomonic projection");
        header.Set("CTYPE2", "DEC--TAN", "gnomonic projection");
        header.Set("CUNIT1", "deg");
        header.Set("CUNIT2", "deg");
        header.Set("CRPIX1", CrPix1, "reference pixel (1-based)");
        header.Set("CRPIX2", CrPix2, "reference pixel (1-based)");
        header.Set("CRVAL1", CrVal1, "RA at reference pixel [deg]");
        header.Set("CRVAL2", CrVal2, "Dec at reference pixel [deg]");
        header.Set("CD1_1", Cd11, "[deg/pixel]");
        header.Set("CD1_2", Cd12, "[deg/pixel]");
        header.Set("CD2_1", Cd21, "[deg/pixel]");
        header.Set("CD2_2", Cd22, "[deg/pixel]");
    }
}
