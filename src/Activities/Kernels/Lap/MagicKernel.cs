namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// The magic/destreak stage: find straight streaks in a difference image with a Hough transform of its significant
/// pixels, and mask them (<see cref="PixelMask.Streak"/>) in the warp they came from, writing destreaked warps for the
/// second stacking pass and later differences.
/// </summary>
public static class MagicKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "lap-magic";

    /// <summary>
    /// Finds streaks in <paramref name="diff"/> (made from <paramref name="science"/> minus <paramref name="template"/>) and writes the
    /// destreaked science warp to <paramref name="scienceOutputBase"/> and, when both are given, the destreaked template warp to
    /// <paramref name="templateOutputBase"/>. A template that is a stack is not rewritten: pass null.
    /// </summary>
    public static MagicResult Run(
        ImageProduct diff, ImageProduct science, ImageProduct? template, string scienceOutputBase, string? templateOutputBase, MagicOptions? options = null)
    {
        options ??= new MagicOptions();
        var d = LapImage.Read(diff);
        var streaks = FindStreaks(d, options);

        var sciOut = ImageProduct.ForBase(scienceOutputBase);
        var maskedScience = MaskAndWrite(science, sciOut, streaks.Where(s => s.Sign > 0));
        ImageProduct? templateOut = null;
        var maskedTemplate = 0;
        if (template is not null && templateOutputBase is not null)
        {
            templateOut = ImageProduct.ForBase(templateOutputBase);
            maskedTemplate = MaskAndWrite(template, templateOut, streaks.Where(s => s.Sign < 0));
        }

        return new MagicResult(streaks, sciOut, templateOut, maskedScience, maskedTemplate);
    }

    internal static List<StreakLine> FindStreaks(LapImage d, MagicOptions options)
    {
        var w = d.Width;
        var h = d.Height;
        var normalised = new List<double>();
        for (var i = 0; i < d.Count; i++)
        {
            if (d.Mask[i] == 0 && d.Variance[i] > 0)
            {
                normalised.Add(d.Data[i] / Math.Sqrt(d.Variance[i]));
            }
        }

        // Per-pixel significance, renormalised by its own robust scatter like the detection image.
        var scale = normalised.Count >= 100 ? Math.Max(ImageMath.RobustStats(normalised).Sigma, 1e-6) : 1.0;
        var points = new List<(int X, int Y, double Snr)>();
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                if (d.Mask[i] == 0 && d.Variance[i] > 0)
                {
                    var snr = d.Data[i] / Math.Sqrt(d.Variance[i]) / scale;
                    if (Math.Abs(snr) >= options.PixelThreshold)
                    {
                        points.Add((x, y, snr));
                    }
                }
            }
        }

        var psf = d.Header.GetDouble("PSFSIG", 1.5);
        var halfWidth = options.MaskHalfWidth ?? ((3 * psf) + 2);
        var thetaCount = (int)Math.Round(180 / options.ThetaStepDeg);
        var cos = new double[thetaCount];
        var sin = new double[thetaCount];
        for (var t = 0; t < thetaCount; t++)
        {
            cos[t] = Math.Cos(t * options.ThetaStepDeg * Math.PI / 180);
            sin[t] = Math.Sin(t * options.ThetaStepDeg * Math.PI / 180);
        }

        var rhoMax = (int)Math.Ceiling(Math.Sqrt((w * w) + (h * h)));
        var streaks = new List<StreakLine>();
        var remaining = points;
        while (streaks.Count < options.MaxStreaks && remaining.Count >= options.MinVotes)
        {
            var accumulator = new int[thetaCount * ((2 * rhoMax) + 1)];
            foreach (var p in remaining)
            {
                for (var t = 0; t < thetaCount; t++)
                {
                    var rho = (int)Math.Round((p.X * cos[t]) + (p.Y * sin[t]));
                    accumulator[(t * ((2 * rhoMax) + 1)) + rho + rhoMax]++;
                }
            }

            var best = 0;
            for (var b = 1; b < accumulator.Length; b++)
            {
                if (accumulator[b] > accumulator[best])
                {
                    best = b;
                }
            }

            if (accumulator[best] < options.MinVotes)
            {
                break;
            }

            var bestTheta = best / ((2 * rhoMax) + 1);
            var bestRho = (best % ((2 * rhoMax) + 1)) - rhoMax;
            var c = cos[bestTheta];
            var s = sin[bestTheta];
            var support = remaining.Where(p => Math.Abs((p.X * c) + (p.Y * s) - bestRho) <= 2.0).ToList();
            remaining = remaining.Except(support).ToList();
            if (support.Count < options.MinVotes)
            {
                continue;
            }

            var along = support.Select(p => (-p.X * s) + (p.Y * c)).ToList();
            var length = along.Max() - along.Min();
            if (length < options.MinLength)
            {
                // A blob (bright residual, transient) collects votes but is short: not a streak.
                continue;
            }

            // Refine ρ as the significance-weighted mean distance of the supporting pixels.
            var weightSum = support.Sum(p => Math.Abs(p.Snr));
            var rhoFit = support.Sum(p => Math.Abs(p.Snr) * ((p.X * c) + (p.Y * s))) / weightSum;
            var sign = support.Sum(p => p.Snr) >= 0 ? 1 : -1;
            var aMin = along.Min();
            var aMax = along.Max();
            var (ra1, dec1) = d.Wcs.PixelToSky((rhoFit * c) - (aMin * s), (rhoFit * s) + (aMin * c));
            var (ra2, dec2) = d.Wcs.PixelToSky((rhoFit * c) - (aMax * s), (rhoFit * s) + (aMax * c));
            streaks.Add(new StreakLine(rhoFit, bestTheta * options.ThetaStepDeg, support.Count, length, sign, halfWidth, ra1, dec1, ra2, dec2));

            // Pixels near the accepted line no longer vote, so a wide streak does not return as a parallel twin.
            remaining = remaining.Where(p => Math.Abs((p.X * c) + (p.Y * s) - rhoFit) > halfWidth).ToList();
        }

        return streaks;
    }

    private static int MaskAndWrite(ImageProduct input, ImageProduct output, IEnumerable<StreakLine> streaks)
    {
        var image = LapImage.Read(input);
        var masked = 0;
        var lines = streaks.ToList();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var i = (y * image.Width) + x;
                // Satellites cross the whole field, so the band runs across the whole skycell, not only where pixels voted.
                if (lines.Any(l => l.DistanceTo(x, y) <= l.HalfWidth))
                {
                    if (image.Mask[i] == 0)
                    {
                        masked++;
                    }

                    image.Mask[i] |= (int)PixelMask.Streak;
                }
            }
        }

        image.Header.Set("DESTRK", true, "streaks masked by magic");
        image.Header.Set("NSTREAK", (long)lines.Count, "streaks masked");
        image.Write(output);
        return masked;
    }
}
