using MathNet.Numerics;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// Writes a synthetic DECam-like night into a directory: raw CCD images (BITPIX 16) with bias, flat and bad-pixel
/// structure; master calibrations per CCD; a GAIA-style reference catalogue; truth (true WCS, zero point and PSF per CCD,
/// injected transients and template-only sources); and <c>night.json</c>. The same configuration always gives
/// byte-identical files.
/// </summary>
public static class DesNightGenerator
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-generate";

    /// <summary>Raw values at or above this are saturated (the ADC's top, less a margin).</summary>
    public const double Saturation = 62000;

    private const double ReadNoise = 5.0;
    private const double FieldDec = -27.0;

    private sealed record Source(double Ra, double Dec, double Mag, bool IsStar, double ExtraSigma);

    private sealed record Conditions(int Index, int ExpNum, string Field, int FieldIndex, DesExposureKind Kind, double Mjd,
        double NominalRa, double NominalDec, double TrueRa, double TrueDec, double Rotation, double Seeing, double Sky, double ZeroPoint);

    private sealed record Camera(double Rotation, double Scale, double Skew, double DxPix, double DyPix, double ZpOffset, float[] Bias, float[] Flat, float[] Bpm);

    /// <summary>Generates the night described by <paramref name="config"/> into <paramref name="directory"/>.</summary>
    public static DesNight Generate(DesNightConfig config, string directory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.Fields);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.TemplatesPerField);
        ArgumentOutOfRangeException.ThrowIfNegative(config.SearchesPerField);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.CcdWidth, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.CcdHeight, 64);
        var ccds = (config.Ccds ?? Enumerable.Range(1, DesFocalPlane.CcdCount).ToList()).Distinct().Order().ToList();
        if (ccds.Any(c => c is < 1 or > DesFocalPlane.CcdCount))
        {
            throw new ArgumentException("CCD numbers run from 1 to 62", nameof(config));
        }

        var night = new DesNight(config, []) { RootDirectory = Path.GetFullPath(directory) };
        var w = config.CcdWidth;
        var h = config.CcdHeight;
        var cameras = ccds.ToDictionary(c => c, c => MakeCamera(config, c));
        foreach (var ccd in ccds)
        {
            WriteCalibrations(night, ccd, cameras[ccd]);
        }

        var fields = Enumerable.Range(0, config.Fields).Select(f => MakeSources(config, f)).ToList();
        var plans = Plan(config);
        var truthCcds = new List<DesCcdTruth>();
        var truthSources = new List<DesTruthSource>();
        var templateOnly = MakeTemplateOnly(config, plans, ccds, truthSources);
        var exposures = new List<DesExposure>();
        foreach (var plan in plans)
        {
            var template = plans.First(p => p.FieldIndex == plan.FieldIndex && p.Kind == DesExposureKind.Template);
            var isLastSearch = plan.Kind == DesExposureKind.Search && plan == plans.Last(p => p.Kind == DesExposureKind.Search);
            foreach (var ccd in ccds)
            {
                var camera = cameras[ccd];
                var wcs = TrueWcs(config, plan, camera, ccd);
                var zp = plan.ZeroPoint + camera.ZpOffset;
                var injected = plan.Kind == DesExposureKind.Template
                    ? templateOnly.Where(s => s.Field == plan.Field).Select(s => new Source(s.RaDeg, s.DecDeg, s.Mag, true, 0)).ToList()
                    : MakeTransients(config, plan, template, ccd, wcs, zp, fields[plan.FieldIndex], truthSources);
                var corrupt = isLastSearch && config.CorruptCcd == ccd;
                var status = config.ExcludedCcds.Contains(ccd) ? "excluded" : corrupt ? "corrupt" : config.SparseCcd == ccd ? "sparse" : "ok";
                var path = night.Raw(plan.ExpNum, ccd);
                WriteRaw(config, path, plan, camera, ccd, wcs, zp, fields[plan.FieldIndex].Concat(injected));
                if (corrupt)
                {
                    // A transfer that stopped half-way: the header survives, the data do not.
                    var bytes = File.ReadAllBytes(path);
                    File.WriteAllBytes(path, bytes[..(bytes.Length * 3 / 5)]);
                }

                truthCcds.Add(new DesCcdTruth(plan.ExpNum, ccd, status, zp, plan.Seeing, plan.Sky, wcs));
            }

            exposures.Add(new DesExposure(plan.ExpNum, plan.Field, plan.Kind, config.Band, plan.Mjd, 90.0, plan.NominalRa, plan.NominalDec, ccds));
        }

        WriteReference(night, config, fields, plans);
        LapKernelJson.Write(night.TruthCcds, truthCcds);
        LapKernelJson.Write(night.TruthSources, truthSources);
        night = night with { Exposures = exposures };
        night.Save();
        return night;
    }

    private static List<Conditions> Plan(DesNightConfig config)
    {
        var plans = new List<Conditions>();
        var index = 0;
        for (var f = 0; f < config.Fields; f++)
        {
            var field = $"GW{f + 1:D2}";
            for (var k = 0; k < config.TemplatesPerField + config.SearchesPerField; k++)
            {
                var kind = k < config.TemplatesPerField ? DesExposureKind.Template : DesExposureKind.Search;
                var rng = DeterministicRandom.For(config.Seed, 1, f, k);
                var ra0 = 50.0 + (f * 2.5);
                var dec0 = FieldDec;
                // Dithers move the field by a few arcseconds between visits; the pointing error is what the header does not know.
                var ditherX = rng.Uniform(-8, 8) / 3600.0;
                var ditherY = rng.Uniform(-8, 8) / 3600.0;
                var nominalRa = ra0 + (ditherX / Math.Cos(dec0 * Math.PI / 180));
                var nominalDec = dec0 + ditherY;
                var errX = 3.0 * rng.NextGaussian() / 3600.0;
                var errY = 3.0 * rng.NextGaussian() / 3600.0;
                // Templates come from earlier nights; the search exposures are tonight's.
                var mjd = kind == DesExposureKind.Template ? 57900.0 + (f * 0.01) + (k * 1.0) : 57982.1 + (f * 0.01) + (k * 0.02);
                plans.Add(new Conditions(index++, 0, field, f, kind, mjd, nominalRa, nominalDec,
                    nominalRa + (errX / Math.Cos(nominalDec * Math.PI / 180)), nominalDec + errY,
                    0.003 * rng.NextGaussian(), rng.Uniform(1.3, 2.2), rng.Uniform(500, 1100), 30.0 - rng.Uniform(0, 0.15)));
            }
        }

        // Exposure numbers follow time, as the camera gives them.
        return [.. plans.OrderBy(p => p.Mjd).Select((p, i) => p with { ExpNum = 600001 + i })];
    }

    private static Camera MakeCamera(DesNightConfig config, int ccd)
    {
        var rng = DeterministicRandom.For(config.Seed, 2, ccd);
        var w = config.CcdWidth;
        var h = config.CcdHeight;
        var (cx, cy) = DesFocalPlane.Centre(ccd, w, h);
        var radius = DesFocalPlane.Radius(w, h);
        var level = rng.Uniform(1000, 3000);
        var bias = new float[w * h];
        var flat = new float[w * h];
        var bpm = new float[w * h];
        var deadColumn = rng.NextInt(w);
        var deadAmplifier = config.ExcludedCcds.Contains(ccd);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                bias[i] = (float)(level + (6 * Math.Sin(x / 7.0)) + (0.01 * y));
                var fx = cx + x - ((w - 1) / 2.0);
                var fy = cy + y - ((h - 1) / 2.0);
                var r2 = ((fx * fx) + (fy * fy)) / (radius * radius);
                var value = (1 - (0.08 * r2)) * (1 + (0.01 * rng.NextGaussian()));
                if (x == deadColumn || (deadAmplifier && x >= w / 2))
                {
                    value = 0.02;
                    bpm[i] = (float)PixelMask.Dead;
                }

                flat[i] = (float)value;
            }
        }

        for (var k = 0; k < 25; k++)
        {
            bpm[(rng.NextInt(h) * w) + rng.NextInt(w)] = (float)PixelMask.Hot;
        }

        return new Camera(0.02 * rng.NextGaussian(), 4e-4 * rng.NextGaussian(), 2e-4 * rng.NextGaussian(), 1.5 * rng.NextGaussian(),
            1.5 * rng.NextGaussian(), 0.03 * rng.NextGaussian(), bias, flat, bpm);
    }

    private static void WriteCalibrations(DesNight night, int ccd, Camera camera)
    {
        var w = night.Config.CcdWidth;
        var h = night.Config.CcdHeight;
        var header = new FitsHeader();
        header.Set("CCDNUM", ccd);
        header.Set("OBSTYPE", "zero");
        FitsFile.Write(night.Bias(ccd), new FitsImage(w, h, camera.Bias, header));
        header = new FitsHeader();
        header.Set("CCDNUM", ccd);
        header.Set("OBSTYPE", "dome flat");
        header.Set("BAND", night.Config.Band);
        FitsFile.Write(night.Flat(ccd), new FitsImage(w, h, camera.Flat, header));
        header = new FitsHeader();
        header.Set("CCDNUM", ccd);
        header.AddComment("bad-pixel bits: 1 dead, 2 hot");
        FitsFile.Write(night.BadPixelMask(ccd), new FitsImage(w, h, camera.Bpm, header), FitsDataType.Int16, 1.0, 0.0);
    }

    /// <summary>The nominal WCS of a CCD: what the telescope and the camera model believe, written in the raw header.</summary>
    internal static TanWcs NominalWcs(DesNightConfig config, double ra, double dec, int ccd)
    {
        var (cx, cy) = DesFocalPlane.Centre(ccd, config.CcdWidth, config.CcdHeight);
        var s = config.PixelScaleArcsec / 3600.0;
        return new TanWcs(((config.CcdWidth + 1) / 2.0) - cx, ((config.CcdHeight + 1) / 2.0) - cy, ra, dec, -s, 0, 0, s);
    }

    private static TanWcs TrueWcs(DesNightConfig config, Conditions plan, Camera camera, int ccd)
    {
        var nominal = NominalWcs(config, plan.TrueRa, plan.TrueDec, ccd);
        var s = config.PixelScaleArcsec / 3600.0;
        var theta = (plan.Rotation + camera.Rotation) * Math.PI / 180;
        var c = Math.Cos(theta);
        var n = Math.Sin(theta);
        // Per-CCD distortion: the CCD's own scale, shear and rotation, and its placement error in the focal plane.
        var m11 = -s * (1 + camera.Scale);
        var m12 = s * camera.Skew;
        var m21 = s * camera.Skew;
        var m22 = s * (1 + camera.Scale);
        return nominal with
        {
            CrPix1 = nominal.CrPix1 + camera.DxPix,
            CrPix2 = nominal.CrPix2 + camera.DyPix,
            Cd11 = (c * m11) - (n * m21),
            Cd12 = (c * m12) - (n * m22),
            Cd21 = (n * m11) + (c * m21),
            Cd22 = (n * m12) + (c * m22),
        };
    }

    private static List<Source> MakeSources(DesNightConfig config, int field)
    {
        var rng = DeterministicRandom.For(config.Seed, 3, field);
        var radiusPix = DesFocalPlane.Radius(config.CcdWidth, config.CcdHeight) + 80;
        var frame = FieldFrame(config, field);
        var areaDeg2 = Math.PI * Math.Pow(radiusPix * config.PixelScaleArcsec / 3600, 2);
        var sources = new List<Source>();
        void Add(int count, bool star)
        {
            for (var k = 0; k < count; k++)
            {
                double x, y;
                do
                {
                    x = rng.Uniform(-radiusPix, radiusPix);
                    y = rng.Uniform(-radiusPix, radiusPix);
                }
                while ((x * x) + (y * y) > radiusPix * radiusPix);

                var (ra, dec) = frame.PixelToSky(x, y);
                // Number counts rising as 10^(0.25 m) for stars, steeper for galaxies.
                var (lo, hi, slope) = star ? (14.0, 23.5, 0.25) : (18.0, 23.0, 0.35);
                var u = rng.NextDouble();
                var mag = Math.Log10(Math.Pow(10, slope * lo) + (u * (Math.Pow(10, slope * hi) - Math.Pow(10, slope * lo)))) / slope;
                sources.Add(new Source(ra, dec, mag, star, star ? 0 : rng.Uniform(1.0, 3.0)));
            }
        }

        Add((int)(config.StarDensity * areaDeg2), true);
        Add((int)(config.GalaxyDensity * areaDeg2), false);
        return sources;
    }

    private static TanWcs FieldFrame(DesNightConfig config, int field) =>
        NominalWcs(config, 50.0 + (field * 2.5), FieldDec, 1) with { CrPix1 = 1, CrPix2 = 1 };

    private static List<DesTruthSource> MakeTemplateOnly(DesNightConfig config, List<Conditions> plans, List<int> ccds, List<DesTruthSource> truth)
    {
        var result = new List<DesTruthSource>();
        foreach (var template in plans.Where(p => p.Kind == DesExposureKind.Template).GroupBy(p => p.FieldIndex).Select(g => g.First()))
        {
            foreach (var ccd in ccds)
            {
                var rng = DeterministicRandom.For(config.Seed, 4, template.FieldIndex, ccd);
                var wcs = NominalWcs(config, template.NominalRa, template.NominalDec, ccd);
                for (var k = 0; k < config.TemplateOnlyPerCcd; k++)
                {
                    var (ra, dec) = wcs.PixelToSky(rng.Uniform(30, config.CcdWidth - 30), rng.Uniform(30, config.CcdHeight - 30));
                    var flux = rng.Uniform(20, 40) * NoiseScale(template.Seeing, template.Sky, template.Seeing, template.Sky);
                    var mag = template.ZeroPoint - (2.5 * Math.Log10(flux));
                    result.Add(new DesTruthSource("template-only", template.Field, 0, ccd, ra, dec, mag, flux, flux / NoiseScale(template.Seeing, template.Sky, template.Seeing, template.Sky), false));
                }
            }
        }

        truth.AddRange(result);
        return result;
    }

    private static List<Source> MakeTransients(DesNightConfig config, Conditions plan, Conditions template, int ccd, TanWcs wcs, double zp,
        List<Source> field, List<DesTruthSource> truth)
    {
        var result = new List<Source>();
        if (config.ExcludedCcds.Contains(ccd))
        {
            return result;
        }

        var rng = DeterministicRandom.For(config.Seed, 5, plan.ExpNum, ccd);
        var w = config.CcdWidth;
        var h = config.CcdHeight;
        var hosts = new List<(double X, double Y)>();
        foreach (var s in field.Where(s => !s.IsStar))
        {
            var (x, y) = wcs.SkyToPixel(s.Ra, s.Dec);
            if (x >= 20 && x < w - 20 && y >= 20 && y < h - 20)
            {
                hosts.Add((x, y));
            }
        }

        var scale = NoiseScale(plan.Seeing, plan.Sky, template.Seeing, template.Sky);
        for (var k = 0; k < config.TransientsPerCcd; k++)
        {
            var onGalaxy = hosts.Count > 0 && rng.NextDouble() < 0.5;
            double x, y;
            if (onGalaxy)
            {
                var host = hosts[rng.NextInt(hosts.Count)];
                var r = rng.Uniform(0.5, 2.5);
                var a = rng.Uniform(0, 2 * Math.PI);
                (x, y) = (host.X + (r * Math.Cos(a)), host.Y + (r * Math.Sin(a)));
            }
            else
            {
                (x, y) = (rng.Uniform(15, w - 15), rng.Uniform(15, h - 15));
            }

            // S/N spread over 3-40 (log-uniform) so that the 5-sigma limit cuts through the sample.
            var snr = Math.Exp(rng.Uniform(Math.Log(3), Math.Log(40)));
            var flux = snr * scale;
            var mag = zp - (2.5 * Math.Log10(flux));
            var (ra, dec) = wcs.PixelToSky(x, y);
            result.Add(new Source(ra, dec, mag, true, 0));
            truth.Add(new DesTruthSource("transient", plan.Field, plan.ExpNum, ccd, ra, dec, mag, flux, snr, onGalaxy));
        }

        return result;
    }

    /// <summary>
    /// The flux of S/N 1 for a point source in a difference of two images: the optimal PSF S/N is F / sqrt(4 pi sigma^2 v) for
    /// background variance v, with the difference's variance the sum of both images' at the broader PSF.
    /// </summary>
    private static double NoiseScale(double seeingS, double skyS, double seeingT, double skyT)
    {
        var sigma = Math.Max(seeingS, seeingT);
        return Math.Sqrt(4 * Math.PI * sigma * sigma * (skyS + skyT + (2 * ReadNoise * ReadNoise)));
    }

    private static void WriteRaw(DesNightConfig config, string path, Conditions plan, Camera camera, int ccd, TanWcs wcs, double zp, IEnumerable<Source> sources)
    {
        var w = config.CcdWidth;
        var h = config.CcdHeight;
        var (cx, cy) = DesFocalPlane.Centre(ccd, w, h);
        var radius = DesFocalPlane.Radius(w, h);
        var signal = new double[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                // A gentle sky gradient across the focal plane (moonlight), which the sky stage must remove.
                signal[(y * w) + x] = plan.Sky * (1 + (0.03 * (cx + x) / radius) + (0.02 * (cy + y) / radius));
            }
        }

        foreach (var s in sources)
        {
            var (px, py) = wcs.SkyToPixel(s.Ra, s.Dec);
            var sigma = Math.Sqrt((plan.Seeing * plan.Seeing) + (s.ExtraSigma * s.ExtraSigma));
            var r = (int)Math.Ceiling(5 * sigma);
            if (double.IsNaN(px) || px < -r || px > w + r || py < -r || py > h + r)
            {
                continue;
            }

            var flux = Math.Pow(10, -0.4 * (s.Mag - zp));
            AddGaussian(signal, w, h, px, py, sigma, flux, r);
        }

        var rng = DeterministicRandom.For(config.Seed, 6, plan.ExpNum, ccd);
        var raw = new float[w * h];
        for (var i = 0; i < raw.Length; i++)
        {
            var electrons = camera.Flat[i] * signal[i];
            var value = camera.Bias[i] + rng.NextPoisson(electrons) + (ReadNoise * rng.NextGaussian());
            if (camera.Bpm[i] == (float)PixelMask.Hot)
            {
                value += 20000;
            }

            raw[i] = (float)Math.Clamp(Math.Round(value), 0, Saturation);
        }

        var header = new FitsHeader();
        header.Set("OBSTYPE", "object");
        header.Set("OBJECT", plan.Field);
        header.Set("EXPNUM", plan.ExpNum, "exposure number");
        header.Set("CCDNUM", ccd, "CCD number");
        header.Set("BAND", config.Band);
        header.Set("NITE", config.Night);
        header.Set("MJD-OBS", plan.Mjd);
        header.Set("EXPTIME", 90.0, "[s]");
        header.Set("TELRA", plan.NominalRa, "telescope pointing [deg]");
        header.Set("TELDEC", plan.NominalDec, "telescope pointing [deg]");
        header.Set("GAIN", 1.0, "[e/ADU]");
        header.Set("RDNOISE", ReadNoise, "[ADU]");
        header.Set("SATURATE", Saturation, "[ADU]");
        header.Set("DESKIND", plan.Kind == DesExposureKind.Template ? "template" : "search");
        NominalWcs(config, plan.NominalRa, plan.NominalDec, ccd).WriteTo(header);
        FitsFile.Write(path, new FitsImage(w, h, raw, header), FitsDataType.Int16, 1.0, 32768.0);
    }

    /// <summary>Adds a pixel-integrated circular Gaussian of total <paramref name="flux"/> centred at (px, py).</summary>
    internal static void AddGaussian(double[] image, int w, int h, double px, double py, double sigma, double flux, int radius)
    {
        var x0 = Math.Max(0, (int)Math.Floor(px) - radius);
        var x1 = Math.Min(w - 1, (int)Math.Ceiling(px) + radius);
        var y0 = Math.Max(0, (int)Math.Floor(py) - radius);
        var y1 = Math.Min(h - 1, (int)Math.Ceiling(py) + radius);
        if (x0 > x1 || y0 > y1)
        {
            return;
        }

        var gx = Integrated(px, sigma, x0, x1);
        var gy = Integrated(py, sigma, y0, y1);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                image[(y * w) + x] += flux * gx[x - x0] * gy[y - y0];
            }
        }
    }

    /// <summary>The fraction of a 1-D Gaussian that falls in each pixel from <paramref name="first"/> to <paramref name="last"/>.</summary>
    internal static double[] Integrated(double centre, double sigma, int first, int last)
    {
        var result = new double[last - first + 1];
        var scale = 1.0 / (Math.Sqrt(2) * sigma);
        var previous = SpecialFunctions.Erf((first - 0.5 - centre) * scale);
        for (var p = first; p <= last; p++)
        {
            var next = SpecialFunctions.Erf((p + 0.5 - centre) * scale);
            result[p - first] = 0.5 * (next - previous);
            previous = next;
        }

        return result;
    }

    private static void WriteReference(DesNight night, DesNightConfig config, List<List<Source>> fields, List<Conditions> plans)
    {
        var stars = new List<DesReferenceStar>();
        long id = 4_000_000_000_000_000;
        for (var f = 0; f < fields.Count; f++)
        {
            var rng = DeterministicRandom.For(config.Seed, 7, f);
            var first = plans.First(p => p.FieldIndex == f);
            var gap = config.SparseCcd is { } sparse ? NominalWcs(config, first.NominalRa, first.NominalDec, sparse) : null;
            var kept = 0;
            foreach (var s in fields[f].Where(s => s.IsStar && s.Mag < config.ReferenceLimit))
            {
                var noise = 0.01 * rng.NextGaussian();
                id++;
                if (gap is not null)
                {
                    // A hole in the catalogue's coverage over the sparse CCD: only one star in eight is listed there.
                    var (x, y) = gap.SkyToPixel(s.Ra, s.Dec);
                    if (x > -40 && x < config.CcdWidth + 40 && y > -40 && y < config.CcdHeight + 40 && kept++ % 8 != 0)
                    {
                        continue;
                    }
                }

                stars.Add(new DesReferenceStar(id, s.Ra, s.Dec, s.Mag + noise));
            }
        }

        DesReferenceCatalog.Write(night.ReferenceCatalog, stars);
    }
}
