using System.Globalization;
using System.Text;
using MathNet.Numerics;
using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// Writes a synthetic LAP survey into a directory: raw exposures (BITPIX 16), a master bias and flat, the truth
/// catalogues and <c>survey.json</c>. The same <see cref="SurveyConfig"/> always gives byte-identical files.
/// </summary>
public static class SurveyGenerator
{
    private const double CellSpacingDeg = 0.25;
    private const double FirstCellRa = 150.0;
    private const double CellDec = 2.0;

    private sealed record Source(double Ra, double Dec, double Flux, double ExtraSigma);

    private sealed record Plan(string Cell, string Object, string Comment, double Mjd, SurveyExposureKind Kind);

    /// <summary>Generates the survey described by <paramref name="config"/> into <paramref name="directory"/>.</summary>
    public static SurveyManifest Generate(SurveyConfig config, string directory)
    {
        Validate(config);
        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(Path.Combine(root, "raw"));
        Directory.CreateDirectory(Path.Combine(root, "calib"));
        Directory.CreateDirectory(Path.Combine(root, "truth"));

        var size = config.ExposureSize;
        var bias = MakeBias(config);
        var flat = MakeFlat(config);
        const string biasPath = "calib/bias.fits";
        var flatPath = $"calib/flat.{config.Filter}.fits";
        WriteCalibration(Path.Combine(root, biasPath), bias, size, "BIAS", config);
        WriteCalibration(Path.Combine(root, flatPath), flat, size, "FLAT", config);

        var cells = new List<ProjectionCell>();
        var sources = new Dictionary<string, List<Source>>();
        var plans = new List<Plan>();
        for (var c = 0; c < config.ProjectionCellCount; c++)
        {
            var cell = MakeCell(config, c);
            cells.Add(cell);
            sources[cell.Name] = MakeSources(config, cell, c);
            plans.AddRange(MakePlans(config, cell.Name, c));
        }

        // Exposure ids follow time order, as a camera would number them.
        plans.Sort((a, b) => a.Mjd.CompareTo(b.Mjd));
        var badNames = ChooseSpecial(config, plans, config.BadPerCell, 0);
        var streakNames = ChooseSpecial(config, plans, config.StreaksPerCell, 1);

        var exposures = new List<SurveyExposure>();
        var transients = new List<TruthTransient>();
        var streaks = new List<TruthStreak>();
        for (var e = 0; e < plans.Count; e++)
        {
            var plan = plans[e];
            var expId = e + 1;
            var name = $"o{expId:D4}";
            var cell = cells.Single(p => p.Name == plan.Cell);
            var isBad = badNames.Contains((plan.Cell, plan.Object, plan.Mjd));
            var hasStreak = streakNames.Contains((plan.Cell, plan.Object, plan.Mjd));
            var relPath = $"raw/{name}.fits";
            var exposure = MakeExposure(config, root, relPath, expId, name, plan, cell, sources[cell.Name], bias, flat, isBad, hasStreak,
                transients, streaks);
            exposures.Add(exposure);
        }

        var manifest = new SurveyManifest(config, biasPath, flatPath, cells, exposures, transients, streaks) { RootDirectory = root };
        manifest.Save();
        WriteTruthCsv(Path.Combine(root, "truth", "transients.csv"), transients);
        return manifest;
    }

    private static void Validate(SurveyConfig config)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.ProjectionCellCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.SkycellsPerSide);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.SkycellSize, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.ExposureSize, 32);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.PixelScaleArcsec);
        ArgumentOutOfRangeException.ThrowIfNegative(config.PairObjectsPerCell);
        ArgumentOutOfRangeException.ThrowIfNegative(config.NightsPerCell);
        ArgumentOutOfRangeException.ThrowIfNegative(config.PrivatePerCell);
        ArgumentOutOfRangeException.ThrowIfNegative(config.JunkPerCell);
        ArgumentOutOfRangeException.ThrowIfNegative(config.TransientsPerExposure);
        if (config.SeeingSigmaMin <= 0 || config.SeeingSigmaMax < config.SeeingSigmaMin)
        {
            throw new ArgumentException("seeing range must be positive and ordered", nameof(config));
        }
    }

    private static ProjectionCell MakeCell(SurveyConfig config, int index)
    {
        var n = config.SkycellsPerSide;
        var total = n * config.SkycellSize;
        var ra = FirstCellRa + (index * CellSpacingDeg);
        var name = $"PC{index:D3}";
        var skycells = new List<Skycell>();
        var s = config.PixelScaleArcsec / 3600.0;
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                // Every skycell shares the cell's tangent point; only CRPIX moves, so the grid is seamless.
                var wcs = new TanWcs((total / 2.0) + 0.5 - (i * config.SkycellSize), (total / 2.0) + 0.5 - (j * config.SkycellSize),
                    ra, CellDec, -s, 0, 0, s);
                skycells.Add(new Skycell($"{name}.sc{(j * n) + i:D2}", name, config.SkycellSize, config.SkycellSize, wcs));
            }
        }

        var radius = total / 2.0 * Math.Sqrt(2) * s;
        return new ProjectionCell(name, ra, CellDec, radius, skycells);
    }

    private static TanWcs CellFrame(SurveyConfig config, ProjectionCell cell, int extent) =>
        TanWcs.Create(cell.RaDeg, cell.DecDeg, extent, extent, config.PixelScaleArcsec);

    private static List<Source> MakeSources(SurveyConfig config, ProjectionCell cell, int index)
    {
        var rng = DeterministicRandom.For(config.Seed, 1, index);
        var extent = config.ExposureSize + (int)(2 * config.MaxPointingOffsetPixels) + 40;
        var frame = CellFrame(config, cell, extent);
        var sources = new List<Source>();
        for (var k = 0; k < config.StarsPerCell; k++)
        {
            var (ra, dec) = frame.PixelToSky(rng.Uniform(0, extent), rng.Uniform(0, extent));
            var flux = Math.Min(config.StarFluxMin * Math.Pow(1.0 - rng.NextDouble(), -1.0 / config.StarPowerLawIndex), config.StarFluxMax);
            sources.Add(new Source(ra, dec, flux, 0));
        }

        // Stars bright enough to saturate, so the chip stage has saturation to mask.
        for (var k = 0; k < config.SaturatedStarsPerCell; k++)
        {
            var (sra, sdec) = frame.PixelToSky(rng.Uniform(0.3, 0.7) * extent, rng.Uniform(0.3, 0.7) * extent);
            sources.Add(new Source(sra, sdec, 3_000_000, 0));
        }

        for (var k = 0; k < config.ExtendedSourcesPerCell; k++)
        {
            var (ra, dec) = frame.PixelToSky(rng.Uniform(0.15, 0.85) * extent, rng.Uniform(0.15, 0.85) * extent);
            sources.Add(new Source(ra, dec, rng.Uniform(20_000, 80_000), rng.Uniform(2.5, 5)));
        }

        return sources;
    }

    private static List<Plan> MakePlans(SurveyConfig config, string cell, int index)
    {
        var plans = new List<Plan>();
        var mjd0 = 60400.0 + (index * 0.003);
        for (var night = 0; night < config.NightsPerCell; night++)
        {
            for (var o = 0; o < config.PairObjectsPerCell; o++)
            {
                var t = mjd0 + night + 0.10 + (o * 0.02);
                var obj = $"{cell}.F{o + 1}";
                plans.Add(new Plan(cell, obj, "3PI pair", t, SurveyExposureKind.Pair));
                // The second visit, a quarter of an hour later, is what makes a pair.
                plans.Add(new Plan(cell, obj, "3PI pair", t + 0.0104, SurveyExposureKind.Pair));
            }
        }

        for (var p = 0; p < config.PrivatePerCell; p++)
        {
            plans.Add(new Plan(cell, $"{cell}.S{p + 1}", "3PI single", mjd0 + 0.30 + (p * 0.01), SurveyExposureKind.Private));
        }

        for (var j = 0; j < config.JunkPerCell; j++)
        {
            plans.Add(new Plan(cell, $"{cell}.F1", j % 2 == 0 ? "focus" : "test", mjd0 + 0.05 + (j * 0.005), SurveyExposureKind.Junk));
        }

        return plans;
    }

    private static HashSet<(string, string, double)> ChooseSpecial(SurveyConfig config, List<Plan> plans, int perCell, int offset)
    {
        // Bad exposures take the first visit of a pair, streaked ones the second visit of another pair, so the two never coincide.
        var chosen = new HashSet<(string, string, double)>();
        foreach (var group in plans.Where(p => p.Kind == SurveyExposureKind.Pair).GroupBy(p => p.Cell))
        {
            var pairs = group.GroupBy(p => p.Object).SelectMany(g => g.Select((p, i) => (p, i))).ToList();
            var candidates = pairs.Where(x => x.i % 2 == offset).Select(x => x.p).ToList();
            if (offset == 1)
            {
                candidates.Reverse();
            }

            foreach (var p in candidates.Take(perCell))
            {
                chosen.Add((p.Cell, p.Object, p.Mjd));
            }
        }

        return chosen;
    }

    private static double[] MakeBias(SurveyConfig config)
    {
        var n = config.ExposureSize;
        var rng = DeterministicRandom.For(config.Seed, 2);
        var bias = new double[n * n];
        var columns = new double[n];
        for (var x = 0; x < n; x++)
        {
            columns[x] = 4 * Math.Sin(x / 7.0) + rng.NextGaussian();
        }

        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                bias[(y * n) + x] = Math.Round(config.BiasLevel + columns[x] + (0.5 * rng.NextGaussian()), 2);
            }
        }

        return bias;
    }

    private static double[] MakeFlat(SurveyConfig config)
    {
        var n = config.ExposureSize;
        var rng = DeterministicRandom.For(config.Seed, 3);
        var flat = new double[n * n];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                var u = (x / (double)n) - 0.5;
                var v = (y / (double)n) - 0.5;
                var value = 1.0 + (0.06 * u) - (0.08 * ((u * u) + (v * v))) + (0.01 * rng.NextGaussian());
                // A few permanently dead pixels, which the flat shows and the chip stage masks.
                flat[(y * n) + x] = rng.NextDouble() < 0.001 ? 0.02 : Math.Round(value, 5);
            }
        }

        return flat;
    }

    private static void WriteCalibration(string path, double[] values, int size, string type, SurveyConfig config)
    {
        var image = new FitsImage(size, size);
        for (var i = 0; i < values.Length; i++)
        {
            image.Pixels[i] = (float)values[i];
        }

        image.Header.Set("OBSTYPE", type, "calibration frame");
        image.Header.Set("FILTER", config.Filter);
        FitsFile.Write(path, image);
    }

    private static SurveyExposure MakeExposure(
        SurveyConfig config, string root, string relPath, int expId, string name, Plan plan, ProjectionCell cell, List<Source> sources,
        double[] bias, double[] flat, bool isBad, bool hasStreak, List<TruthTransient> transients, List<TruthStreak> streaks)
    {
        var rng = DeterministicRandom.For(config.Seed, 4, expId);
        var n = config.ExposureSize;
        var cellFrame = CellFrame(config, cell, n);
        var dx = rng.Uniform(-config.MaxPointingOffsetPixels, config.MaxPointingOffsetPixels);
        var dy = rng.Uniform(-config.MaxPointingOffsetPixels, config.MaxPointingOffsetPixels);
        var (ra0, dec0) = cellFrame.PixelToSky(((n - 1) / 2.0) + dx, ((n - 1) / 2.0) + dy);
        var wcs = TanWcs.Create(ra0, dec0, n, n, config.PixelScaleArcsec, rng.Uniform(-config.MaxRotationDeg, config.MaxRotationDeg));
        var seeing = rng.Uniform(config.SeeingSigmaMin, config.SeeingSigmaMax);
        var sky = config.SkyLevel * rng.Uniform(0.9, 1.1);

        var model = new double[n * n];
        Array.Fill(model, sky);
        foreach (var source in sources)
        {
            var (x, y) = wcs.SkyToPixel(source.Ra, source.Dec);
            AddGaussian(model, n, x, y, source.Flux, Math.Sqrt((seeing * seeing) + (source.ExtraSigma * source.ExtraSigma)));
        }

        (double X1, double Y1, double X2, double Y2)? streakLine = null;
        if (hasStreak)
        {
            var angle = rng.Uniform(0.15, 0.85) * Math.PI;
            var cx = rng.Uniform(0.35, 0.65) * n;
            var cy = rng.Uniform(0.35, 0.65) * n;
            var (ux, uy) = (Math.Cos(angle), Math.Sin(angle));
            var peak = 150.0;
            for (var y = 0; y < n; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    var d = ((x - cx) * -uy) + ((y - cy) * ux);
                    model[(y * n) + x] += peak * Math.Exp(-0.5 * d * d / (seeing * seeing));
                }
            }

            streakLine = (cx - (n * ux), cy - (n * uy), cx + (n * ux), cy + (n * uy));
            var p1 = wcs.PixelToSky(streakLine.Value.X1, streakLine.Value.Y1);
            var p2 = wcs.PixelToSky(streakLine.Value.X2, streakLine.Value.Y2);
            streaks.Add(new TruthStreak(expId, name, p1.Ra, p1.Dec, p2.Ra, p2.Dec, peak));
        }

        if (plan.Kind != SurveyExposureKind.Junk && !isBad)
        {
            InjectTransients(config, rng, wcs, cell, sources, model, n, seeing, streakLine, expId, name, transients);
        }

        var deadColumns = new HashSet<int>();
        var deadPixelFraction = 0.0;
        if (isBad)
        {
            while (deadColumns.Count < (int)Math.Round(config.BadExposureDeadColumnFraction * n))
            {
                deadColumns.Add(rng.NextInt(n));
            }

            deadPixelFraction = 0.01;
        }

        var raw = new FitsImage(n, n);
        var clip = Math.Min(config.SaturationLevel + 2000, 65535);
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                var i = (y * n) + x;
                double adu;
                if (deadColumns.Contains(x) || rng.NextDouble() < deadPixelFraction)
                {
                    adu = bias[i] + (config.ReadNoise / config.Gain * rng.NextGaussian());
                }
                else
                {
                    // Electrons detected through the pixel's response, then read noise, then gain and bias.
                    var electrons = rng.NextPoisson(model[i] * flat[i]);
                    adu = bias[i] + ((electrons + (config.ReadNoise * rng.NextGaussian())) / config.Gain);
                    if (rng.NextDouble() < 0.0003)
                    {
                        adu += rng.Uniform(3000, 20000);
                    }
                }

                raw.Pixels[i] = (float)Math.Clamp(Math.Round(adu), 0, clip);
            }
        }

        var h = raw.Header;
        h.Set("OBJECT", plan.Object, "target name");
        h.AddComment(plan.Comment);
        h.Set("EXPNAME", name);
        h.Set("EXPID", (long)expId);
        h.Set("MJD-OBS", Math.Round(plan.Mjd, 6), "start of exposure [MJD]");
        h.Set("FILTER", config.Filter);
        h.Set("EXPTIME", 45.0, "[s]");
        h.Set("GAIN", config.Gain, "[e/ADU]");
        h.Set("RDNOISE", config.ReadNoise, "[e]");
        h.Set("SATURATE", config.SaturationLevel, "[ADU]");
        h.Set("RA", ra0, "pointing [deg]");
        h.Set("DEC", dec0, "pointing [deg]");
        wcs.WriteTo(h);
        FitsFile.Write(Path.Combine(root, relPath), raw, FitsDataType.Int16, 1.0, 32768.0);

        return new SurveyExposure(expId, name, relPath, plan.Object, plan.Comment, Math.Round(plan.Mjd, 6), config.Filter, ra0, dec0, cell.Name,
            plan.Kind, isBad, hasStreak, seeing);
    }

    private static void InjectTransients(
        SurveyConfig config, DeterministicRandom rng, TanWcs wcs, ProjectionCell cell, List<Source> sources, double[] model, int n, double seeing,
        (double X1, double Y1, double X2, double Y2)? streak, int expId, string name, List<TruthTransient> transients)
    {
        var placed = new List<(double X, double Y)>();
        var attempts = 0;
        while (placed.Count < config.TransientsPerExposure && attempts++ < 10_000)
        {
            var x = rng.Uniform(12, n - 12);
            var y = rng.Uniform(12, n - 12);
            var (ra, dec) = wcs.PixelToSky(x, y);
            if (!InsideSkycell(cell, ra, dec, 8) || placed.Any(p => Hypot(p.X - x, p.Y - y) < 12))
            {
                continue;
            }

            if (streak is { } s && DistanceToLine(x, y, s) < 15)
            {
                continue;
            }

            // Away from bright stars and galaxies, so the designed S/N (sky noise only) is the real one.
            if (sources.Any(src => src.Flux > 3000 && Near(wcs, src, x, y, 10 + (3 * src.ExtraSigma))))
            {
                continue;
            }

            var snr = rng.Uniform(config.TransientSnrMin, config.TransientSnrMax);
            // Matched-filter S/N of a Gaussian in a pair difference: F / sqrt(4π σ² · 2 · sky).
            var sigma = config.SeeingSigmaMax;
            var flux = Math.Round(snr * Math.Sqrt(4 * Math.PI * sigma * sigma * 2 * config.SkyLevel * 1.1), 1);
            AddGaussian(model, n, x, y, flux, seeing);
            placed.Add((x, y));
            transients.Add(new TruthTransient(expId, name, ra, dec, flux, snr));
        }
    }

    private static bool Near(TanWcs wcs, Source source, double x, double y, double radius)
    {
        var (sx, sy) = wcs.SkyToPixel(source.Ra, source.Dec);
        return Hypot(sx - x, sy - y) < radius;
    }

    private static bool InsideSkycell(ProjectionCell cell, double ra, double dec, double margin)
    {
        foreach (var skycell in cell.Skycells)
        {
            var (x, y) = skycell.Wcs.SkyToPixel(ra, dec);
            if (x >= margin && y >= margin && x <= skycell.Width - 1 - margin && y <= skycell.Height - 1 - margin)
            {
                return true;
            }
        }

        return false;
    }

    private static double DistanceToLine(double x, double y, (double X1, double Y1, double X2, double Y2) line)
    {
        var dx = line.X2 - line.X1;
        var dy = line.Y2 - line.Y1;
        return Math.Abs((dy * (x - line.X1)) - (dx * (y - line.Y1))) / Hypot(dx, dy);
    }

    private static double Hypot(double a, double b) => Math.Sqrt((a * a) + (b * b));

    /// <summary>Adds a Gaussian integrated over each pixel (so the pixel sum equals the flux), within ±6 sigma.</summary>
    private static void AddGaussian(double[] model, int n, double x0, double y0, double flux, double sigma)
    {
        if (double.IsNaN(x0) || double.IsNaN(y0))
        {
            return;
        }

        var r = (int)Math.Ceiling(6 * sigma);
        var xmin = Math.Max(0, (int)Math.Floor(x0) - r);
        var xmax = Math.Min(n - 1, (int)Math.Ceiling(x0) + r);
        var ymin = Math.Max(0, (int)Math.Floor(y0) - r);
        var ymax = Math.Min(n - 1, (int)Math.Ceiling(y0) + r);
        if (xmin > xmax || ymin > ymax)
        {
            return;
        }

        var scale = 1.0 / (Math.Sqrt(2) * sigma);
        var fx = new double[xmax - xmin + 1];
        for (var x = xmin; x <= xmax; x++)
        {
            fx[x - xmin] = 0.5 * (SpecialFunctions.Erf((x + 0.5 - x0) * scale) - SpecialFunctions.Erf((x - 0.5 - x0) * scale));
        }

        for (var y = ymin; y <= ymax; y++)
        {
            var fy = 0.5 * (SpecialFunctions.Erf((y + 0.5 - y0) * scale) - SpecialFunctions.Erf((y - 0.5 - y0) * scale));
            for (var x = xmin; x <= xmax; x++)
            {
                model[(y * n) + x] += flux * fy * fx[x - xmin];
            }
        }
    }

    private static void WriteTruthCsv(string path, List<TruthTransient> transients)
    {
        var sb = new StringBuilder("exp_id,exposure,ra,dec,flux,expected_snr\n");
        foreach (var t in transients)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{t.ExpId},{t.ExposureName},{t.RaDeg:R},{t.DecDeg:R},{t.Flux:R},{t.ExpectedSnr:R}\n");
        }

        File.WriteAllText(path, sb.ToString());
    }
}
