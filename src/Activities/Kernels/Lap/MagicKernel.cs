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
        ImageProduct diff, ImageProduct science, ImageProduct? template, string scienceOutputBase, string? templateOutputBase, MagicOptions? options = null) =>
        RunExposure([new MagicInput(diff, science, template, scienceOutputBase, templateOutputBase)], options)[0];

    /// <summary>
    /// Destreaks one exposure (or pair) across all its skycells at once: a satellite crosses the whole field, so a streak
    /// found on one skycell is masked, through its sky coordinates, on every skycell of the same exposure, including
    /// those where only its tip shows and it is too short to be found on its own.
    /// </summary>
    public static IReadOnlyList<MagicResult> RunExposure(IReadOnlyList<MagicInput> inputs, MagicOptions? options = null)
    {
        options ??= new MagicOptions();
        var found = inputs.Select(input => FindStreaks(LapImage.Read(input.Diff), options)).ToList();
        var all = found.SelectMany(f => f).ToList();
        var results = new List<MagicResult>();
        for (var k = 0; k < inputs.Count; k++)
        {
            var input = inputs[k];
            var sciOut = ImageProduct.ForBase(input.ScienceOutputBase);
            var maskedScience = MaskAndWrite(input.Science, sciOut, all.Where(s => s.Sign > 0));
            ImageProduct? templateOut = null;
            var maskedTemplate = 0;
            if (input.Template is not null && input.TemplateOutputBase is not null)
            {
                templateOut = ImageProduct.ForBase(input.TemplateOutputBase);
                maskedTemplate = MaskAndWrite(input.Template, templateOut, all.Where(s => s.Sign < 0));
            }

            results.Add(new MagicResult(found[k], sciOut, templateOut, maskedScience, maskedTemplate));
        }

        return results;
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

            // Refine the line by a significance-weighted orthogonal fit of the supporting pixels: the accumulator's bins
            // are coarser than the line can be measured.
            var weightSum = support.Sum(p => Math.Abs(p.Snr));
            var mx = support.Sum(p => Math.Abs(p.Snr) * p.X) / weightSum;
            var my = support.Sum(p => Math.Abs(p.Snr) * p.Y) / weightSum;
            var sxx = support.Sum(p => Math.Abs(p.Snr) * (p.X - mx) * (p.X - mx));
            var syy = support.Sum(p => Math.Abs(p.Snr) * (p.Y - my) * (p.Y - my));
            var sxy = support.Sum(p => Math.Abs(p.Snr) * (p.X - mx) * (p.Y - my));
            var direction = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
            var normal = direction + (Math.PI / 2);
            // θ is kept in [0, 180) as in the accumulator; ρ takes whichever sign that gives.
            var thetaDeg = (((normal * 180 / Math.PI) % 180) + 180) % 180;
            c = Math.Cos(thetaDeg * Math.PI / 180);
            s = Math.Sin(thetaDeg * Math.PI / 180);
            var rhoFit = (mx * c) + (my * s);
            along = support.Select(p => (-p.X * s) + (p.Y * c)).ToList();
            var sign = support.Sum(p => p.Snr) >= 0 ? 1 : -1;
            var aMin = along.Min();
            var aMax = along.Max();
            var (ra1, dec1) = d.Wcs.PixelToSky((rhoFit * c) - (aMin * s), (rhoFit * s) + (aMin * c));
            var (ra2, dec2) = d.Wcs.PixelToSky((rhoFit * c) - (aMax * s), (rhoFit * s) + (aMax * c));
            streaks.Add(new StreakLine(rhoFit, thetaDeg, support.Count, length, sign, halfWidth, ra1, dec1, ra2, dec2));

            // Pixels near the accepted line no longer vote, so a wide streak does not return as a parallel twin.
            remaining = remaining.Where(p => Math.Abs((p.X * c) + (p.Y * s) - rhoFit) > halfWidth).ToList();
        }

        return streaks;
    }

    private static int MaskAndWrite(ImageProduct input, ImageProduct output, IEnumerable<StreakLine> streaks)
    {
        var image = LapImage.Read(input);
        var masked = 0;
        // Each streak travels by its sky end points, so it lands correctly on any skycell.
        var lines = new List<(double X1, double Y1, double Dx, double Dy, double Length, double HalfWidth)>();
        foreach (var streak in streaks)
        {
            var (x1, y1) = image.Wcs.SkyToPixel(streak.Ra1Deg, streak.Dec1Deg);
            var (x2, y2) = image.Wcs.SkyToPixel(streak.Ra2Deg, streak.Dec2Deg);
            var length = Math.Sqrt(((x2 - x1) * (x2 - x1)) + ((y2 - y1) * (y2 - y1)));
            if (double.IsFinite(length) && length > 0)
            {
                lines.Add((x1, y1, x2 - x1, y2 - y1, length, streak.HalfWidth));
            }
        }

        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var i = (y * image.Width) + x;
                // Satellites cross the whole field, so the band runs across the whole skycell, not only where pixels voted.
                if (lines.Any(l => Math.Abs((l.Dy * (x - l.X1)) - (l.Dx * (y - l.Y1))) / l.Length <= l.HalfWidth))
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
