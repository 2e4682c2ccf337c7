using System.Globalization;
using System.Text;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// Difference imaging of one search CCD: every overlapping template CCD is resampled onto the search CCD's pixels through
/// the two fitted WCS (Lanczos-3), scaled to the search zero point, and convolved to the broader of the PSFs; the search
/// image gets the same treatment, the templates are combined by inverse variance and subtracted. Candidates are positive
/// peaks of a PSF matched filter above the threshold, in significance renormalised by the difference's own scatter, that
/// are not one half of a dipole (a misregistered star).
/// </summary>
public static class DiffImagingKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-diff";

    /// <summary>Detection threshold, sigma.</summary>
    public const double Threshold = 5.0;

    // Flux-proportional noise for residuals of bright objects from small PSF and zero-point mismatches.
    private const double SystematicFraction = 0.02;

    /// <summary>Differences <paramref name="search"/> against <paramref name="templates"/>; writes BASE.fits etc. and BASE.cand.csv.</summary>
    public static DiffImagingResult Run(DesTemplateInput search, IReadOnlyList<DesTemplateInput> templates, string outputBase)
    {
        var s = LapImage.Read(search.Image);
        var sPsf = PsfKernel.ReadModel(search.Psf);
        var sCal = CalibrationKernel.ReadCalibration(search.Calibration);
        if (sCal.ZeroPoint is not { } zpS)
        {
            throw new DesDataException(search.Calibration, $"the search CCD is not calibrated ({sCal.Reason}); difference imaging needs its zero point");
        }

        var w = s.Width;
        var h = s.Height;
        var n = s.Count;
        var used = new List<string>();
        var skipped = new List<string>();
        var warped = new List<(double[] D, double[] V, int[] M, double Sigma)>();
        foreach (var t in templates)
        {
            var cal = CalibrationKernel.ReadCalibration(t.Calibration);
            if (cal.ZeroPoint is not { } zpT)
            {
                skipped.Add($"{t.Image.Image}: not calibrated");
                continue;
            }

            var image = LapImage.Read(t.Image);
            if (!Overlaps(s.Wcs, w, h, image.Wcs, image.Width, image.Height))
            {
                skipped.Add($"{t.Image.Image}: does not overlap");
                continue;
            }

            var scale = Math.Pow(10, 0.4 * (zpS - zpT)) * Area(s.Wcs) / Area(image.Wcs);
            warped.Add((Warp(image, s.Wcs, w, h, scale, out var v, out var m), v, m, PsfKernel.ReadModel(t.Psf).Sigma));
            used.Add(t.Image.Image);
        }

        if (warped.Count == 0)
        {
            throw new DesDataException(search.Image.Image, $"no usable template overlaps it ({string.Join("; ", skipped)})");
        }

        var target = Math.Max(sPsf.Sigma, warped.Max(t => t.Sigma));
        var sData = new double[n];
        var sVar = new double[n];
        for (var i = 0; i < n; i++)
        {
            sData[i] = s.Mask[i] == 0 ? s.Data[i] : 0;
            sVar[i] = s.Mask[i] == 0 ? s.Variance[i] : 0;
        }

        var (sd, sv, sm) = Match(sData, sVar, s.Mask, w, h, sPsf.Sigma, target);
        var tSum = new double[n];
        var tWeight = new double[n];
        foreach (var t in warped)
        {
            var (td, tv, tm) = Match(t.D, t.V, t.M, w, h, t.Sigma, target);
            for (var i = 0; i < n; i++)
            {
                if (tm[i] == 0 && tv[i] > 0)
                {
                    tSum[i] += td[i] / tv[i];
                    tWeight[i] += 1 / tv[i];
                }
            }
        }

        var header = s.Header.Clone();
        var diff = new LapImage(w, h, header, s.Wcs);
        var use = new bool[n];
        var covered = 0;
        for (var i = 0; i < n; i++)
        {
            if (sm[i] != 0 || tWeight[i] <= 0)
            {
                diff.Mask[i] = sm[i] != 0 ? sm[i] : (int)PixelMask.NoData;
                continue;
            }

            covered++;
            use[i] = true;
            var tValue = tSum[i] / tWeight[i];
            var sys = SystematicFraction * SystematicFraction * ((Math.Max(sd[i], 0) * Math.Max(sd[i], 0)) + (Math.Max(tValue, 0) * Math.Max(tValue, 0)));
            diff.Data[i] = (float)(sd[i] - tValue);
            diff.Variance[i] = (float)(sv[i] + (1 / tWeight[i]) + sys);
        }

        // Each input's sky was removed separately; what is left is a smooth offset that would bias every significance.
        var residual = ImageMath.Background(diff.Data, diff.Mask, w, h, 64);
        var data = new double[n];
        var variance = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (use[i])
            {
                diff.Data[i] -= (float)residual[i];
                data[i] = diff.Data[i];
                variance[i] = diff.Variance[i];
            }
        }

        var (snr, valid, flux, fluxError) = DesMeasure.MatchedFilter(data, variance, use, w, h, target, 0.9);
        var values = new List<double>();
        for (var i = 0; i < n; i++)
        {
            if (valid[i])
            {
                values.Add(snr[i]);
            }
        }

        // Resampling and convolution correlate neighbouring pixels, which the per-pixel variance cannot show; the
        // significance image's own scatter measures it, and dividing by it makes 5 sigma mean 5 sigma.
        var correction = values.Count >= 100 ? ImageMath.RobustStats(values).Sigma : 1.0;
        if (!(correction > 0))
        {
            correction = 1.0;
        }

        var candidates = new List<DesCandidate>();
        var dipoleRadius = (int)Math.Ceiling(2.5 * target);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                if (!valid[i] || snr[i] / correction < Threshold || !DesMeasure.IsPeak(snr, valid, w, h, x, y, 3))
                {
                    continue;
                }

                if (IsDipole(snr, valid, w, h, x, y, dipoleRadius, -0.5 * snr[i]))
                {
                    continue;
                }

                var (cx, cy, _) = DesMeasure.Windowed(diff.Data, diff.Mask, w, h, x, y, target);
                var (ra, dec) = s.Wcs.PixelToSky(cx, cy);
                var f = flux[i];
                candidates.Add(new DesCandidate(cx, cy, ra, dec, f, fluxError[i] * correction, snr[i] / correction,
                    f > 0 ? zpS - (2.5 * Math.Log10(f)) : double.NaN));
            }
        }

        header.Set("DIFFIMG", true, "search minus PSF-matched templates");
        header.Set("NTEMPL", used.Count, "templates subtracted");
        header.Set("PSFSIG", target, "PSF sigma of the difference [pixel]");
        header.Set("NOISECOR", correction, "scatter of the significance image");
        header.Set("NCAND", candidates.Count, "candidates");
        header.Set("MAGZERO", zpS, "search zero point");
        var product = ImageProduct.ForBase(outputBase);
        diff.Write(product);
        var catalog = outputBase + ".cand.csv";
        WriteCandidates(catalog, candidates);
        var result = new DiffImagingResult(product, catalog, candidates, used, skipped, covered / (double)n, target, correction);
        LapKernelJson.Write(outputBase + ".diff.json", result);
        return result;
    }

    /// <summary>True when two CCDs' footprints overlap on the sky (tested on a grid of points of each).</summary>
    public static bool Overlaps(TanWcs a, int aw, int ah, TanWcs b, int bw, int bh)
    {
        static bool AnyInside(TanWcs from, int fw, int fh, TanWcs to, int tw, int th)
        {
            for (var j = 0; j <= 8; j++)
            {
                for (var i = 0; i <= 8; i++)
                {
                    var (ra, dec) = from.PixelToSky(i * (fw - 1) / 8.0, j * (fh - 1) / 8.0);
                    var (x, y) = to.SkyToPixel(ra, dec);
                    if (x >= 0 && x <= tw - 1 && y >= 0 && y <= th - 1)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        return AnyInside(a, aw, ah, b, bw, bh) || AnyInside(b, bw, bh, a, aw, ah);
    }

    /// <summary>Reads a candidate catalogue written by <see cref="Run"/>.</summary>
    public static IReadOnlyList<DesCandidate> ReadCandidates(string path)
    {
        var lines = DesFiles.ReadLines(path);
        var result = new List<DesCandidate>();
        for (var k = 1; k < lines.Count; k++)
        {
            var v = lines[k].Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            if (v.Length != 8)
            {
                throw new DesDataException(path, $"line {k + 1} has {v.Length} columns, expected 8");
            }

            result.Add(new DesCandidate(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }

        return result;
    }

    private static double Area(TanWcs wcs) => Math.Abs((wcs.Cd11 * wcs.Cd22) - (wcs.Cd12 * wcs.Cd21));

    private static double[] Warp(LapImage image, TanWcs target, int w, int h, double scale, out double[] variance, out int[] mask)
    {
        var data = new double[w * h];
        variance = new double[w * h];
        mask = new int[w * h];
        var wx = new double[6];
        var wy = new double[6];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                var (ra, dec) = target.PixelToSky(x, y);
                var (tx, ty) = image.Wcs.SkyToPixel(ra, dec);
                var fx = (int)Math.Floor(tx) - 2;
                var fy = (int)Math.Floor(ty) - 2;
                if (double.IsNaN(tx) || fx < 0 || fy < 0 || fx + 5 >= image.Width || fy + 5 >= image.Height)
                {
                    mask[i] = (int)PixelMask.NoData;
                    continue;
                }

                double sx = 0, sy = 0;
                for (var k = 0; k < 6; k++)
                {
                    wx[k] = ImageMath.Lanczos3(tx - (fx + k));
                    wy[k] = ImageMath.Lanczos3(ty - (fy + k));
                    sx += wx[k];
                    sy += wy[k];
                }

                double d = 0, v = 0;
                var bits = 0;
                for (var ky = 0; ky < 6; ky++)
                {
                    for (var kx = 0; kx < 6; kx++)
                    {
                        var j = ((fy + ky) * image.Width) + fx + kx;
                        var weight = wx[kx] / sx * (wy[ky] / sy);
                        // Only the taps that matter can spoil the value; a masked pixel at a Lanczos zero-crossing cannot.
                        if (image.Mask[j] != 0 && Math.Abs(weight) > 0.01)
                        {
                            bits |= image.Mask[j];
                        }

                        d += weight * image.Data[j];
                        v += weight * weight * image.Variance[j];
                    }
                }

                mask[i] = bits;
                data[i] = bits == 0 ? d * scale : 0;
                variance[i] = bits == 0 ? v * scale * scale : 0;
            }
        }

        return data;
    }

    private static (double[] Data, double[] Variance, int[] Mask) Match(double[] data, double[] variance, int[] mask, int w, int h, double sigma, double target)
    {
        var kernelSigma = Math.Sqrt(Math.Max((target * target) - (sigma * sigma), 0));
        if (kernelSigma < 0.05)
        {
            return (data, variance, mask);
        }

        var use = mask.Select(m => m == 0).ToArray();
        var k = ImageMath.Gaussian1D(kernelSigma);
        var k2 = k.Select(v => v * v).ToArray();
        // Masked pixels contribute nothing to the convolution, so the mask grows by the kernel's 2-sigma radius, beyond which
        // a missing pixel changes the result negligibly.
        return (ImageMath.ConvolveSeparable(data, use, w, h, k), ImageMath.ConvolveSeparable(variance, use, w, h, k2),
            Dilate(mask, w, h, (int)Math.Ceiling(2 * kernelSigma)));
    }

    private static int[] Dilate(int[] mask, int w, int h, int radius)
    {
        var result = new int[mask.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var m = mask[(y * w) + x];
                if (m == 0)
                {
                    continue;
                }

                for (var yy = Math.Max(0, y - radius); yy <= Math.Min(h - 1, y + radius); yy++)
                {
                    for (var xx = Math.Max(0, x - radius); xx <= Math.Min(w - 1, x + radius); xx++)
                    {
                        result[(yy * w) + xx] |= m;
                    }
                }
            }
        }

        return result;
    }

    private static bool IsDipole(double[] snr, bool[] valid, int w, int h, int x, int y, int radius, double limit)
    {
        for (var yy = Math.Max(0, y - radius); yy <= Math.Min(h - 1, y + radius); yy++)
        {
            for (var xx = Math.Max(0, x - radius); xx <= Math.Min(w - 1, x + radius); xx++)
            {
                var j = (yy * w) + xx;
                if (valid[j] && snr[j] < limit && snr[j] < -3)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void WriteCandidates(string path, List<DesCandidate> candidates)
    {
        var sb = new StringBuilder("x,y,ra,dec,flux,flux_err,snr,mag\n");
        foreach (var c in candidates)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{c.X:R},{c.Y:R},{c.RaDeg:R},{c.DecDeg:R},{c.Flux:R},{c.FluxError:R},{c.Snr:R},{c.Mag:R}\n");
        }

        DesFiles.WriteText(path, sb.ToString());
    }
}
