using System.Globalization;
using System.Text;
using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// The difference stage: science warp minus template (a warp for pairs, a stack for private exposures) after matching
/// their Gaussian PSFs, then detection of sources at or above the threshold with a PSF matched filter whose
/// significance is computed from the propagated variance and renormalised by its measured scatter.
/// </summary>
public static class DiffKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "lap-diff";

    /// <summary>Differences <paramref name="science"/> and <paramref name="template"/>; writes the product and <c>BASE.cat.csv</c>.</summary>
    public static DiffResult Run(ImageProduct science, ImageProduct template, string outputBase, DiffOptions? options = null)
    {
        options ??= new DiffOptions();
        var s = LapImage.Read(science);
        var t = LapImage.Read(template);
        if (s.Width != t.Width || s.Height != t.Height || s.Wcs != t.Wcs)
        {
            throw new FitsFormatException(template.Image, $"is not on the same skycell grid as {science.Image}");
        }

        var w = s.Width;
        var h = s.Height;
        var n = s.Count;
        var sigmaS = s.Header.GetDouble("PSFSIG", options.DefaultPsfSigma);
        var sigmaT = t.Header.GetDouble("PSFSIG", options.DefaultPsfSigma);
        var psf = Math.Max(sigmaS, sigmaT);
        var matching = Math.Sqrt(Math.Abs((sigmaS * sigmaS) - (sigmaT * sigmaT)));

        var (sData, sVar, sMask) = Matched(s, sigmaS < sigmaT ? matching : 0);
        var (tData, tVar, tMask) = Matched(t, sigmaT < sigmaS ? matching : 0);

        var header = s.Header.Clone("BADFRAC", "COVFRAC");
        var diff = new LapImage(w, h, header, s.Wcs);
        var use = new bool[n];
        var covered = 0;
        var bad = 0;
        var eps = options.SystematicFraction;
        for (var i = 0; i < n; i++)
        {
            var m = sMask[i] | tMask[i];
            diff.Mask[i] = m;
            if ((sMask[i] & (int)PixelMask.NoData) == 0)
            {
                covered++;
                bad += m != 0 ? 1 : 0;
            }

            if (m != 0)
            {
                continue;
            }

            use[i] = true;
            diff.Data[i] = (float)(sData[i] - tData[i]);
            var sys = (eps * Math.Max(sData[i], 0) * eps * Math.Max(sData[i], 0)) + (eps * Math.Max(tData[i], 0) * eps * Math.Max(tData[i], 0));
            diff.Variance[i] = (float)(sVar[i] + tVar[i] + sys);
        }

        // The two inputs' backgrounds were estimated separately, from differently placed boxes that stars and galaxies bias
        // differently; what is left is a smooth offset of a few ADU that a matched filter would add to every significance.
        if (options.BackgroundBox > 0)
        {
            var residual = ImageMath.Background(diff.Data, diff.Mask, w, h, options.BackgroundBox);
            for (var i = 0; i < n; i++)
            {
                if (use[i])
                {
                    diff.Data[i] -= (float)residual[i];
                }
            }
        }

        // Matched filter: the PSF for the numerator, its square for the variance.
        var k = ImageMath.Gaussian1D(psf);
        var k2 = k.Select(v => v * v).ToArray();
        var sumK2 = k2.Sum() * k2.Sum();
        var data = new double[n];
        var variance = new double[n];
        var ones = new double[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = diff.Data[i];
            variance[i] = diff.Variance[i];
            ones[i] = 1;
        }

        var filtered = ImageMath.ConvolveSeparable(data, use, w, h, k);
        var filteredVar = ImageMath.ConvolveSeparable(variance, use, w, h, k2);
        var weight = ImageMath.ConvolveSeparable(ones, use, w, h, k2);
        var snr = new double[n];
        var valid = new bool[n];
        var snrValues = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var coverage = weight[i] / sumK2;
            if (use[i] && coverage >= options.MinKernelCoverage && filteredVar[i] > 0)
            {
                valid[i] = true;
                snr[i] = filtered[i] / Math.Sqrt(filteredVar[i]);
                snrValues.Add(snr[i]);
            }
        }

        // Resampling correlates neighbouring pixels, which the per-pixel variance cannot show; the significance image's
        // own robust scatter measures the net effect, and dividing by it makes 5 sigma mean 5 sigma.
        var correction = snrValues.Count >= 100 ? ImageMath.RobustStats(snrValues).Sigma : 1.0;
        if (!(correction > 0))
        {
            correction = 1.0;
        }

        var detections = new List<DiffDetection>();
        var r = options.PeakRadius;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                if (!valid[i] || Math.Abs(snr[i]) / correction < options.Threshold || !IsExtreme(snr, valid, w, h, x, y, r))
                {
                    continue;
                }

                var sign = Math.Sign(snr[i]);
                var dx = x > 0 && x < w - 1 && valid[i - 1] && valid[i + 1] ? Vertex(snr[i - 1], snr[i], snr[i + 1]) : 0;
                var dy = y > 0 && y < h - 1 && valid[i - w] && valid[i + w] ? Vertex(snr[i - w], snr[i], snr[i + w]) : 0;
                var px = x + dx;
                var py = y + dy;
                var (ra, dec) = s.Wcs.PixelToSky(px, py);
                var flux = filtered[i] / weight[i];
                var fluxError = Math.Sqrt(filteredVar[i]) / weight[i] * correction;
                detections.Add(new DiffDetection(px, py, ra, dec, flux, fluxError, sign * Math.Abs(snr[i]) / correction));
            }
        }

        header.Set("DIFFTYPE", t.Header.Contains("NINPUTS") ? "warp-stack" : "warp-warp", "template is a stack or a warp");
        header.Set("SCIENCE", Path.GetFileName(science.Image));
        header.Set("TEMPLATE", Path.GetFileName(template.Image));
        header.Set("PSFSIG", psf, "PSF Gaussian sigma of the difference [pixel]");
        header.Set("MATCHSIG", matching, "PSF-matching Gaussian sigma [pixel]");
        header.Set("NOISECOR", correction, "scatter of the significance image");
        header.Set("NDETECT", (long)detections.Count, "detections at or above threshold");
        var badFraction = covered == 0 ? 1.0 : bad / (double)covered;
        header.Set("BADFRAC", badFraction, "masked fraction of covered pixels");

        var output = ImageProduct.ForBase(outputBase);
        diff.Write(output);
        var catalogPath = outputBase + ".cat.csv";
        WriteCatalog(catalogPath, detections);
        return new DiffResult(s.Header.GetString("SKYCELL", "?"), output, catalogPath, detections, badFraction, correction, psf, matching);
    }

    /// <summary>Reads a catalogue written by <see cref="Run"/>.</summary>
    public static IReadOnlyList<DiffDetection> ReadCatalog(string path)
    {
        var result = new List<DiffDetection>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length != 7)
            {
                throw new InvalidDataException($"'{path}': expected 7 columns in '{line}'");
            }

            var v = f.Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            result.Add(new DiffDetection(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
        }

        return result;
    }

    private static (double[] Data, double[] Variance, int[] Mask) Matched(LapImage image, double sigma)
    {
        var n = image.Count;
        var data = new double[n];
        var variance = new double[n];
        var use = new bool[n];
        for (var i = 0; i < n; i++)
        {
            use[i] = image.Mask[i] == 0;
            data[i] = use[i] ? image.Data[i] : 0;
            variance[i] = use[i] ? image.Variance[i] : 0;
        }

        if (sigma < 0.05)
        {
            return (data, variance, (int[])image.Mask.Clone());
        }

        var k = ImageMath.Gaussian1D(sigma);
        var k2 = k.Select(v => v * v).ToArray();
        // Masks grow by the kernel's 2-sigma radius: beyond it a missing pixel changes the convolved value negligibly.
        return (ImageMath.ConvolveSeparable(data, use, image.Width, image.Height, k),
            ImageMath.ConvolveSeparable(variance, use, image.Width, image.Height, k2),
            Dilate(image.Mask, image.Width, image.Height, (int)Math.Ceiling(2 * sigma)));
    }

    private static int[] Dilate(int[] mask, int w, int h, int radius)
    {
        var result = new int[mask.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var bits = 0;
                for (var yy = Math.Max(0, y - radius); yy <= Math.Min(h - 1, y + radius); yy++)
                {
                    for (var xx = Math.Max(0, x - radius); xx <= Math.Min(w - 1, x + radius); xx++)
                    {
                        bits |= mask[(yy * w) + xx];
                    }
                }

                result[(y * w) + x] = bits;
            }
        }

        return result;
    }

    private static bool IsExtreme(double[] snr, bool[] valid, int w, int h, int x, int y, int r)
    {
        var v = snr[(y * w) + x];
        for (var yy = Math.Max(0, y - r); yy <= Math.Min(h - 1, y + r); yy++)
        {
            for (var xx = Math.Max(0, x - r); xx <= Math.Min(w - 1, x + r); xx++)
            {
                var j = (yy * w) + xx;
                if ((xx == x && yy == y) || !valid[j])
                {
                    continue;
                }

                // Ties go to the earlier pixel so that a flat top gives one detection.
                var other = snr[j];
                if (v > 0 ? (other > v || (other == v && j < (y * w) + x)) : (other < v || (other == v && j < (y * w) + x)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static double Vertex(double left, double centre, double right)
    {
        var denominator = left - (2 * centre) + right;
        return denominator == 0 ? 0 : Math.Clamp(0.5 * (left - right) / denominator, -0.5, 0.5);
    }

    private static void WriteCatalog(string path, List<DiffDetection> detections)
    {
        var sb = new StringBuilder("x,y,ra,dec,flux,flux_err,significance\n");
        foreach (var d in detections)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{d.X:R},{d.Y:R},{d.RaDeg:R},{d.DecDeg:R},{d.Flux:R},{d.FluxError:R},{d.Significance:R}\n");
        }

        var temp = path + ".tmp" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temp, sb.ToString());
        File.Move(temp, path, overwrite: true);
    }
}
