using System.Globalization;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// Writes a synthetic SNfactory data set: nights of IFU exposures of spectrophotometric standards and of followed
/// supernovae in their host galaxies, with photometric-channel frames, a flat field, a few corrupted frames, clear and
/// cloudy nights, and <c>truth.json</c>. Every random draw comes from a stream keyed by (seed, what, index), so the data
/// of night i are the same whether or not later nights are written (incremental productions rely on it).
/// </summary>
internal static class SnfGenerator
{
    private const int StandardsPerNight = 4;
    private static readonly DateTime FirstNight = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const double FirstMjd = 60310;

    /// <summary>Writes the raw data under <c>ROOT/raw</c> and the truth to <c>ROOT/truth.json</c>; returns the truth.</summary>
    public static SnfTruth Generate(SnfSurveyOptions options, string root)
    {
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException($"synthetic SNfactory data: {problem}", nameof(options));
        }

        var n = options.Nights;
        var names = Enumerable.Range(0, n).Select(i => FirstNight.AddDays(Math.Round(i * options.SpacingDays)).ToString("yyyyMMdd", CultureInfo.InvariantCulture)).ToArray();
        var mjds = Enumerable.Range(0, n).Select(i => FirstMjd + Math.Round(i * options.SpacingDays)).ToArray();
        var photometric = new bool[n];
        var grey = new double[n];
        for (var i = 0; i < n; i++)
        {
            var r = DeterministicRandom.For(options.Seed, 1, i);
            photometric[i] = r.NextDouble() >= options.NonPhotometricFraction;
            grey[i] = r.Uniform(0.02, 0.08);
        }

        var plans = new List<SnfTargetPlan>();
        for (var t = 0; t < options.Targets; t++)
        {
            var r = DeterministicRandom.For(options.Seed, 2, t);
            var start = r.NextInt(n - 7);
            var candidates = Enumerable.Range(start + 7, n - start - 7).Where(i => photometric[i]).ToList();
            if (candidates.Count == 0)
            {
                // A final reference must be photometric for the flux solution to anchor the target.
                photometric[n - 1] = true;
                candidates.Add(n - 1);
            }

            var reference = candidates[r.NextInt(candidates.Count)];
            var width = 0.8 * options.SpacingDays;
            var t0 = mjds[start + 1] + r.Uniform(-0.3, 0.3) * options.SpacingDays;
            var sx = r.Uniform(3.5, 5.0);
            var sy = r.Uniform(3.5, 5.0);
            var angle = r.Uniform(0, 2 * Math.PI);
            var distance = r.Uniform(0.8, 1.4);
            var plan = new SnfTargetPlan(
                $"SN{t + 1:D4}", [start, start + 1, start + 2], reference, t0, width,
                r.Uniform(100, 160), r.Uniform(-1.5, -0.5), sx, sy, sx + (distance * Math.Cos(angle)), sy + (distance * Math.Sin(angle)),
                r.Uniform(1.0, 1.5), r.Uniform(15, 30), r.Uniform(0.3, 1.0),
                [r.Uniform(200, 600), r.Uniform(200, 600), r.Uniform(200, 600)],
                [new(3.5 + r.Uniform(-0.5, 0.5), 3.5 + r.Uniform(-0.5, 0.5)), new(11.5 + r.Uniform(-0.5, 0.5), 4.5 + r.Uniform(-0.5, 0.5)), new(7 + r.Uniform(-0.5, 0.5), 11.5 + r.Uniform(-0.5, 0.5))]);
            var bad = new string?[3];
            for (var e = 0; e < 3; e++)
            {
                if (r.NextDouble() < options.BadFrameFraction && bad.Count(b => b is null) > 2)
                {
                    bad[e] = r.NextDouble() < 0.5 ? "saturated" : "noisy readout";
                }
            }

            plans.Add(plan with { Bad = bad });
        }

        var raw = Path.Combine(root, "raw");
        Directory.CreateDirectory(raw);
        var flatRandom = DeterministicRandom.For(options.Seed, 9);
        var flat = Enumerable.Range(0, SnfInstrument.Side * SnfInstrument.Side).Select(_ => flatRandom.Uniform(0.9, 1.1)).ToArray();
        SnfLayout.WriteFits(Path.Combine(raw, "flat.fits"), new FitsImage(SnfInstrument.Side, SnfInstrument.Side, flat.Select(f => (float)f).ToArray()));
        SnfLayout.Write(Path.Combine(raw, "fields.json"), plans.ToDictionary(p => p.Name, p => p.Field, StringComparer.Ordinal));

        var nights = new List<NightTruth>();
        var epochs = plans.ToDictionary(p => p.Name, _ => new List<EpochTruth>(), StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var r = DeterministicRandom.For(options.Seed, 3, i);
            var night = names[i];
            var logs = new List<ExposureLog>();
            var truths = new List<ExposureTruth>();
            var standards = SnfInstrument.Standards.Keys.OrderBy(_ => r.NextDouble()).ToList();
            double[] airmass = [1.05, 1.35, 1.65, 1.95];
            var order = Enumerable.Range(0, StandardsPerNight).OrderBy(_ => r.NextDouble()).ToArray();
            var clouds = photometric[i] ? [1.0, 1.0, 1.0, 1.0] : CloudsForStandards(r, order.Select(o => airmass[o]).ToArray());
            var seq = 0;
            for (var s = 0; s < StandardsPerNight; s++)
            {
                var x = airmass[order[s]] + r.Uniform(0, 0.08);
                Add(new ExposureLog($"{night}_{++seq:D3}", ExposureLog.Standard, standards[s], mjds[i] + (0.01 * seq), 120, x), clouds[s], null);
            }

            if (r.NextDouble() < options.BadFrameFraction)
            {
                Add(new ExposureLog($"{night}_{++seq:D3}", ExposureLog.Standard, standards[StandardsPerNight], mjds[i] + (0.01 * seq), 120, r.Uniform(1.1, 1.8)),
                    photometric[i] ? 1 : r.Uniform(0.55, 0.95), r.NextDouble() < 0.5 ? "saturated" : "noisy readout");
            }

            foreach (var plan in plans)
            {
                var epoch = Array.IndexOf(plan.Nights, i);
                var isReference = plan.Reference == i;
                if (epoch < 0 && !isReference)
                {
                    continue;
                }

                var bad = epoch >= 0 ? plan.Bad![epoch] : null;
                var log = new ExposureLog($"{night}_{++seq:D3}", ExposureLog.Science, plan.Name, mjds[i] + (0.01 * seq), 600, r.Uniform(1.0, 1.8));
                Add(log, photometric[i] ? 1 : r.Uniform(0.55, 0.95), bad);
                epochs[plan.Name].Add(new EpochTruth(night, log.Id, log.Mjd, isReference, bad, Enumerable.Range(0, SnfInstrument.Bins).Select(b => plan.Supernova(SnfInstrument.Wavelength(b), log.Mjd)).ToArray()));
            }

            nights.Add(new NightTruth(night, mjds[i], photometric[i], grey[i], truths));
            if (options.WriteNights is null || i < options.WriteNights)
            {
                SnfLayout.Write(Path.Combine(raw, night, "night.json"), new NightLog(night, mjds[i], logs));
            }

            void Add(ExposureLog log, double cloud, string? bad)
            {
                var seeing = r.Uniform(0.8, 1.3);
                logs.Add(log);
                truths.Add(new ExposureTruth(log.Id, log.Kind, log.Object, log.Airmass, cloud, seeing, bad));
                if (options.WriteNights is null || i < options.WriteNights)
                {
                    var noise = DeterministicRandom.For(options.Seed, 4, i, logs.Count);
                    var plan = plans.FirstOrDefault(p => p.Name == log.Object);
                    WriteFrame(Path.Combine(raw, night, log.Id + ".fits"), night, log, grey[i], cloud, seeing, bad, flat, plan, noise);
                    if (plan is not null)
                    {
                        WritePhotometricFrame(Path.Combine(raw, night, log.Id + "_P.fits"), night, log, grey[i], cloud, seeing, plan, noise);
                    }
                }
            }
        }

        var truth = new SnfTruth(options, nights, plans.Select(p => new TargetTruth(
            p.Name, p.T0, p.Width, p.Amplitude, p.Slope, p.SourceX, p.SourceY, p.HostX, p.HostY, p.HostSigma, p.HostAmplitude, p.HostSlope, epochs[p.Name])).ToList());
        SnfLayout.Write(Path.Combine(root, "truth.json"), truth);
        return truth;
    }

    /// <summary>
    /// Grey cloud transmissions for the standards of a cloudy night, drawn again until they cannot pass for an
    /// extinction law (their magnitudes scatter ≥ 0.05 mag about the best line in airmass), so the night is
    /// recognisably non-photometric from its standards, as on a real cloudy night with enough standards.
    /// </summary>
    private static double[] CloudsForStandards(DeterministicRandom r, double[] airmass)
    {
        double[] clouds = [];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            clouds = airmass.Select(_ => r.Uniform(0.55, 0.95)).ToArray();
            var mags = clouds.Select(c => -2.5 * Math.Log10(c)).ToArray();
            var (a, b) = MathNet.Numerics.Fit.Line(airmass, mags);
            var rms = Math.Sqrt(mags.Select((m, k) => Math.Pow(m - (a + (b * airmass[k])), 2)).Average());
            if (rms >= 0.05)
            {
                break;
            }
        }

        return clouds;
    }

    private static void WriteFrame(string path, string night, ExposureLog log, double grey, double cloud, double seeing, string? bad, double[] flat, SnfTargetPlan? plan, DeterministicRandom r)
    {
        const int width = SnfInstrument.Overscan + SnfInstrument.Bins;
        const int spaxels = SnfInstrument.Side * SnfInstrument.Side;
        var pixels = new float[width * spaxels];
        var bias = 1000 + r.Uniform(-20, 20);
        var psf = new double[spaxels];
        var host = new double[spaxels];
        var (x0, y0) = plan is null ? (r.Uniform(3.5, 5.0), r.Uniform(3.5, 5.0)) : (plan.SourceX, plan.SourceY);
        for (var b = 0; b < SnfInstrument.Bins; b++)
        {
            var lambda = SnfInstrument.Wavelength(b);
            var sigma = SnfInstrument.Seeing(seeing, lambda);
            var scale = SnfInstrument.Throughput(lambda) * log.Exptime * Math.Pow(10, -0.4 * SnfInstrument.Extinction(lambda, grey) * log.Airmass) * cloud;
            Psf.Fill(psf, SnfInstrument.Side, x0, y0, sigma);
            double point, extended = 0;
            if (plan is null)
            {
                point = SnfInstrument.StandardFlux(log.Object, lambda) * scale;
            }
            else
            {
                point = plan.Supernova(lambda, log.Mjd) * scale;
                extended = plan.HostAmplitude * Math.Pow(lambda / 6000, plan.HostSlope) * scale;
                Psf.Fill(host, SnfInstrument.Side, plan.HostX, plan.HostY, Math.Sqrt((plan.HostSigma * plan.HostSigma) + (sigma * sigma)));
            }

            var sky = 0.2 * log.Exptime;
            for (var s = 0; s < spaxels; s++)
            {
                var counts = ((point * psf[s]) + (extended * host[s]) + sky) * flat[s];
                var value = bias + counts + (r.NextGaussian() * Math.Sqrt((SnfInstrument.ReadNoise * SnfInstrument.ReadNoise) + Math.Max(counts, 0)));
                pixels[(s * width) + SnfInstrument.Overscan + b] = (float)Math.Min(value, SnfInstrument.Saturation);
            }
        }

        for (var s = 0; s < spaxels; s++)
        {
            for (var o = 0; o < SnfInstrument.Overscan; o++)
            {
                pixels[(s * width) + o] = (float)(bias + (r.NextGaussian() * SnfInstrument.ReadNoise));
            }
        }

        if (bad == "saturated")
        {
            for (var s = 20; s < 45; s++)
            {
                for (var b = 0; b < SnfInstrument.Bins; b++)
                {
                    pixels[(s * width) + SnfInstrument.Overscan + b] = (float)SnfInstrument.Saturation;
                }
            }
        }
        else if (bad is not null)
        {
            for (var k = 0; k < pixels.Length; k++)
            {
                pixels[k] += (float)(r.NextGaussian() * 300);
            }
        }

        var image = new FitsImage(width, spaxels, pixels);
        Describe(image.Header, night, log);
        SnfLayout.WriteFits(path, image);
    }

    private static void WritePhotometricFrame(string path, string night, ExposureLog log, double grey, double cloud, double seeing, SnfTargetPlan plan, DeterministicRandom r)
    {
        const int side = SnfInstrument.PhotometricSide;
        var lambda = SnfInstrument.PhotometricWavelength;
        var sigma = SnfInstrument.Seeing(seeing, lambda);
        var scale = SnfInstrument.PhotometricThroughput * log.Exptime * Math.Pow(10, -0.4 * SnfInstrument.Extinction(lambda, grey) * log.Airmass) * cloud;
        var model = new double[side * side];
        var psf = new double[side * side];
        for (var k = 0; k < plan.Field.Count; k++)
        {
            Psf.Fill(psf, side, plan.Field[k].X, plan.Field[k].Y, sigma);
            for (var p = 0; p < model.Length; p++)
            {
                model[p] += plan.FieldFlux[k] * scale * psf[p];
            }
        }

        var pixels = model.Select(m => (float)(500 + (0.2 * log.Exptime) + m + (r.NextGaussian() * Math.Sqrt(25 + (0.2 * log.Exptime) + m)))).ToArray();
        var image = new FitsImage(side, side, pixels);
        Describe(image.Header, night, log);
        SnfLayout.WriteFits(path, image);
    }

    private static void Describe(FitsHeader header, string night, ExposureLog log)
    {
        header.Set("OBJECT", log.Object);
        header.Set("KIND", log.Kind);
        header.Set("EXPID", log.Id);
        header.Set("NIGHT", night);
        header.Set("MJD-OBS", log.Mjd);
        header.Set("EXPTIME", log.Exptime);
        header.Set("AIRMASS", log.Airmass);
    }
}
