using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// The stack stage: an inverse-variance weighted, sigma-clipped mean of the warps of one skycell, started from the median
/// so that one bright outlier (a streak, a transient) cannot drag the first estimate.
/// </summary>
public static class StackKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "lap-stack";

    /// <summary>Stacks <paramref name="warps"/> (all on the same skycell) into <paramref name="outputBase"/>.</summary>
    public static StackResult Run(IReadOnlyList<ImageProduct> warps, string outputBase, StackOptions? options = null)
    {
        options ??= new StackOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MinInputs);
        if (warps.Count == 0)
        {
            throw new ArgumentException("no warps to stack", nameof(warps));
        }

        var first = FitsFile.Read(warps[0].Image);
        var skycellName = first.Header.GetString("SKYCELL", "?");
        if (warps.Count < options.MinInputs)
        {
            return new StackResult(skycellName, false, null, warps.Count, double.NaN, double.NaN, 0);
        }

        var inputs = warps.Select(LapImage.Read).ToList();
        var reference = inputs[0];
        for (var k = 1; k < inputs.Count; k++)
        {
            if (inputs[k].Width != reference.Width || inputs[k].Height != reference.Height || inputs[k].Wcs != reference.Wcs)
            {
                throw new FitsFormatException(warps[k].Image, $"is not on the same skycell grid as {warps[0].Image}");
            }
        }

        // The propagated variance is an estimate (Poisson from the data, read noise from the header); each input's variance
        // is rescaled by its measured scatter, never down, so that clipping at k sigma means at least k real sigmas.
        var scale = inputs.Select(NoiseScale).ToArray();
        var n = reference.Count;
        var header = reference.Header.Clone("EXPNAME", "EXPID", "OBJECT", "MJD-OBS", "BADFRAC", "COVFRAC", "PSFSIG", "RA", "DEC", "BACKGND");
        var stack = new LapImage(reference.Width, reference.Height, header, reference.Wcs);
        var values = new List<double>(inputs.Count);
        var variances = new List<double>(inputs.Count);
        var keep = new List<bool>(inputs.Count);
        var coverage = new int[n];
        long samples = 0;
        long clipped = 0;
        for (var i = 0; i < n; i++)
        {
            values.Clear();
            variances.Clear();
            for (var k = 0; k < inputs.Count; k++)
            {
                var input = inputs[k];
                if (input.Mask[i] == 0 && input.Variance[i] > 0)
                {
                    values.Add(input.Data[i]);
                    variances.Add(input.Variance[i] * scale[k] * scale[k]);
                }
            }

            coverage[i] = values.Count;
            if (values.Count == 0)
            {
                stack.Mask[i] = (int)PixelMask.NoData;
                continue;
            }

            samples += values.Count;
            var centre = ImageMath.Median([.. values]);
            keep.Clear();
            keep.AddRange(Enumerable.Repeat(true, values.Count));
            double mean = centre;
            double weightSum = 0;
            for (var iteration = 0; iteration <= options.Iterations; iteration++)
            {
                var changed = false;
                for (var j = 0; j < values.Count; j++)
                {
                    var inside = Math.Abs(values[j] - centre) <= options.ClipSigma * Math.Sqrt(variances[j]);
                    changed |= inside != keep[j];
                    keep[j] = inside;
                }

                double sum = 0;
                weightSum = 0;
                for (var j = 0; j < values.Count; j++)
                {
                    if (keep[j])
                    {
                        sum += values[j] / variances[j];
                        weightSum += 1 / variances[j];
                    }
                }

                if (weightSum == 0)
                {
                    // Everything clipped (only possible with two wildly different inputs): fall back to the median.
                    mean = centre;
                    break;
                }

                mean = sum / weightSum;
                if (!changed && iteration > 0)
                {
                    break;
                }

                centre = mean;
            }

            var rejected = keep.Count(k => !k);
            clipped += rejected;
            stack.Data[i] = (float)mean;
            stack.Variance[i] = weightSum > 0 ? (float)(1 / weightSum) : (float)ImageMath.Median([.. variances]);
        }

        var psfs = inputs.Where(x => x.Header.Contains("PSFSIG")).Select(x => x.Header.GetDouble("PSFSIG")).ToList();
        if (psfs.Count > 0)
        {
            // The mean of Gaussians of different widths is close to a Gaussian with the mean variance.
            header.Set("PSFSIG", Math.Sqrt(psfs.Average(s => s * s)), "PSF Gaussian sigma [pixel]");
        }

        header.Set("NINPUTS", (long)inputs.Count, "warps stacked");
        header.Set("STACKTYP", "clipped mean");
        for (var k = 0; k < inputs.Count; k++)
        {
            header.AddHistory($"input {Path.GetFileName(warps[k].Image)}");
        }

        var pixelValues = new List<double>();
        var pixelSigmas = new List<double>();
        var minCoverage = Math.Min(options.MinInputs, inputs.Count);
        for (var i = 0; i < n; i++)
        {
            if (coverage[i] >= minCoverage)
            {
                pixelValues.Add(stack.Data[i]);
                pixelSigmas.Add(Math.Sqrt(stack.Variance[i]));
            }
        }

        var noise = pixelValues.Count > 10 ? ImageMath.RobustStats(pixelValues).Sigma : double.NaN;
        var expected = pixelSigmas.Count > 10 ? ImageMath.Median(pixelSigmas) : double.NaN;
        if (double.IsFinite(noise))
        {
            header.Set("NOISE", noise, "robust pixel sigma [ADU]");
        }

        var output = ImageProduct.ForBase(outputBase);
        stack.Write(output);
        return new StackResult(skycellName, true, output, inputs.Count, noise, expected, samples == 0 ? 0 : clipped / (double)samples);
    }

    /// <summary>Robust scatter of data/sigma over good pixels (1 when the variance is right), at least 1.</summary>
    internal static double NoiseScale(LapImage image)
    {
        var normalised = new List<double>();
        for (var i = 0; i < image.Count; i++)
        {
            if (image.Mask[i] == 0 && image.Variance[i] > 0)
            {
                normalised.Add(image.Data[i] / Math.Sqrt(image.Variance[i]));
            }
        }

        if (normalised.Count < 50)
        {
            return 1.0;
        }

        var sigma = ImageMath.RobustStats(normalised).Sigma;
        return sigma > 0 ? Math.Max(sigma, 1.0) : 1.0;
    }
}
