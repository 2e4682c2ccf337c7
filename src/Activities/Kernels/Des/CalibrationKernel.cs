using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// Calibration in the manner of BLISS-expCalib: the zero point of a CCD is the clipped mean of reference magnitude minus
/// instrumental PSF magnitude over the stars that astrometry matched to the GAIA-style catalogue, restricted to magnitudes
/// that are neither saturated nor noisy; outliers (variables, blends) are rejected iteratively at 3 sigma. A CCD with too
/// few stars left is flagged and gets no zero point, rather than one from a handful of stars.
/// </summary>
public static class CalibrationKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-calibrate";

    /// <summary>Fewer stars than this after rejection flag the CCD.</summary>
    public const int MinimumStars = 10;

    /// <summary>Brightest reference magnitude used (brighter stars come close to saturation).</summary>
    public const double BrightLimit = 16.0;

    /// <summary>Faintest reference magnitude used.</summary>
    public const double FaintLimit = 20.5;

    /// <summary>Calibrates the catalogue <paramref name="catalog"/> (after the catalogue stage); writes <paramref name="output"/>.</summary>
    public static CalibrationResult Run(string catalog, string output, int minimumStars = MinimumStars)
    {
        var sources = DesSourceCatalog.Read(catalog);
        var deltas = sources
            .Where(s => s.RefId >= 0 && s.Flags == 0 && s.RefMag >= BrightLimit && s.RefMag <= FaintLimit && s.FluxPsf > 0 && s.FluxPsf > 10 * s.FluxPsfErr)
            .Select(s => (Zp: s.RefMag - s.MagPsf, Err: Math.Sqrt(Math.Pow(1.0857 * s.FluxPsfErr / s.FluxPsf, 2) + (0.01 * 0.01))))
            .ToList();
        var kept = deltas;
        for (var iteration = 0; iteration < 10 && kept.Count >= 3; iteration++)
        {
            var (median, sigma) = ImageMath.RobustStats([.. kept.Select(d => d.Zp)]);
            var limit = 3 * Math.Max(sigma, 0.005);
            var next = deltas.Where(d => Math.Abs(d.Zp - median) <= Math.Max(limit, 3 * d.Err)).ToList();
            if (next.Count == kept.Count)
            {
                kept = next;
                break;
            }

            kept = next;
        }

        CalibrationResult result;
        if (kept.Count < minimumStars)
        {
            result = new CalibrationResult(null, null, deltas.Count, kept.Count, double.NaN, true,
                $"only {kept.Count} reference stars usable for calibration (minimum {minimumStars}); not calibrated");
        }
        else
        {
            // Inverse-variance weighted mean of the kept stars; the error includes their actual scatter.
            var weights = kept.Select(d => 1 / (d.Err * d.Err)).ToList();
            var zp = kept.Select((d, k) => d.Zp * weights[k]).Sum() / weights.Sum();
            var rms = Math.Sqrt(kept.Average(d => Math.Pow(d.Zp - zp, 2)));
            result = new CalibrationResult(zp, rms / Math.Sqrt(kept.Count), deltas.Count, kept.Count, rms, false, null);
        }

        LapKernelJson.Write(output, result);
        return result;
    }

    /// <summary>Reads a calibration written by <see cref="Run"/>.</summary>
    public static CalibrationResult ReadCalibration(string path) => DesNight.Read<CalibrationResult>(path);
}
