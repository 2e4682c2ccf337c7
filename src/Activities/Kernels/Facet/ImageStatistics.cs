namespace Nightshift.Activities.Kernels.Facet;

/// <summary>Statistics Factor's selfcal loop decides on.</summary>
/// <param name="Rms">Sigma-clipped rms (3σ, iterated), i.e. the noise and sidelobe level without the sources.</param>
/// <param name="Peak">Maximum pixel.</param>
/// <param name="Min">Minimum pixel.</param>
public sealed record ImageStatistics(double Rms, double Peak, double Min)
{
    /// <summary>Peak over clipped rms.</summary>
    public double DynamicRange => Peak / Rms;

    /// <summary>|min / max|: deep negative holes are a sign of bad calibration.</summary>
    public double MinMaxRatio => Math.Abs(Min / Peak);

    /// <summary>Computes the statistics of the finite pixels of <paramref name="pixels"/>.</summary>
    public static ImageStatistics Compute(IEnumerable<float> pixels)
    {
        var values = pixels.Where(float.IsFinite).Select(v => (double)v).ToArray();
        if (values.Length == 0)
        {
            return new ImageStatistics(double.NaN, double.NaN, double.NaN);
        }

        var kept = values;
        double mean = 0, rms = 0;
        for (var iteration = 0; iteration < 20; iteration++)
        {
            mean = kept.Average();
            var m = mean;
            rms = Math.Sqrt(kept.Sum(v => (v - m) * (v - m)) / kept.Length);
            var limit = 3 * rms;
            var next = values.Where(v => Math.Abs(v - m) <= limit).ToArray();
            if (next.Length == kept.Length || next.Length == 0)
            {
                break;
            }

            kept = next;
        }

        return new ImageStatistics(rms, values.Max(), values.Min());
    }
}
