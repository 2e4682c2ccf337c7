namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// The DECam focal plane in miniature: 62 CCDs in twelve rows of 3, 4, 5, 6, 6, 7, 7, 6, 6, 5, 4 and 3, numbered from the
/// top row, left to right. Positions are in pixels from the optical axis.
/// </summary>
internal static class DesFocalPlane
{
    public const int CcdCount = 62;

    private const int Gap = 16;

    private static readonly int[] RowCounts = [3, 4, 5, 6, 6, 7, 7, 6, 6, 5, 4, 3];

    /// <summary>The centre of CCD <paramref name="ccd"/> (1-62) in focal-plane pixels.</summary>
    public static (double X, double Y) Centre(int ccd, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ccd, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ccd, CcdCount);
        var first = 1;
        for (var row = 0; row < RowCounts.Length; row++)
        {
            var n = RowCounts[row];
            if (ccd < first + n)
            {
                var i = ccd - first;
                return ((i - ((n - 1) / 2.0)) * (width + Gap), (((RowCounts.Length - 1) / 2.0) - row) * (height + Gap));
            }

            first += n;
        }

        throw new ArgumentOutOfRangeException(nameof(ccd));
    }

    /// <summary>Radius of a circle around the axis that holds every CCD, pixels.</summary>
    public static double Radius(int width, int height)
    {
        var max = 0.0;
        for (var c = 1; c <= CcdCount; c++)
        {
            var (x, y) = Centre(c, width, height);
            max = Math.Max(max, Math.Sqrt(Math.Pow(Math.Abs(x) + (width / 2.0), 2) + Math.Pow(Math.Abs(y) + (height / 2.0), 2)));
        }

        return max;
    }
}
