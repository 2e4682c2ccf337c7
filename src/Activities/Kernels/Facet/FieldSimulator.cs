using System.Globalization;
using System.Numerics;
using System.Text;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Makes a synthetic LOFAR-like field: a random array, a sky of calibrators and faint sources, direction-dependent gains
/// that drift as random walks, and thermal noise. Every source takes the gains of its nearest calibrator, which is the
/// model facet calibration assumes.
/// </summary>
public static class FieldSimulator
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "facet-simulate";

    /// <summary>File names written by <see cref="Run"/>.</summary>
    public const string DataFile = "field.vis";

    /// <summary>The sky model file.</summary>
    public const string SkyModelFileName = "skymodel.csv";

    /// <summary>The truth gains file.</summary>
    public const string TruthFile = "truth_gains.csv";

    /// <summary>The direction-independent table, in real/imaginary form as Factor may receive it.</summary>
    public const string DiTableFile = "di_table.csv";

    /// <summary>Simulates a field in memory.</summary>
    public static SimulatedField Simulate(SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        var rng = DeterministicRandom.For(options.Seed, 1);
        var xyz = Antennas(options, rng);

        var slots = options.Chunks * options.SlotsPerChunk;
        var lst = new double[slots];
        var chunk = new int[slots];
        // One sidereal radian per 229.18 min; centring on transit keeps the field high.
        var slotRadians = options.SlotMinutes / (24 * 60) * 2 * Math.PI * 1.0027379;
        for (var t = 0; t < slots; t++)
        {
            lst[t] = (options.RaDeg * SkyGeometry.Deg) + ((t - ((slots - 1) / 2.0)) * slotRadians);
            chunk[t] = t / options.SlotsPerChunk;
        }

        var vis = new Visibilities(options.RaDeg, options.DecDeg, xyz, lst, chunk, [.. options.Frequencies]);
        var sky = Sky(options, DeterministicRandom.For(options.Seed, 2));
        var calibrators = sky.Take(options.Calibrators)
            .Select(s => new Direction(s.Name, s.RaDeg, s.DecDeg, s.FluxJy)).ToList();
        var beam = new PrimaryBeam(options.BeamFwhmDeg);

        var grng = DeterministicRandom.For(options.Seed, 3);
        var di = new Complex[options.Antennas];
        for (var a = 0; a < di.Length; a++)
        {
            di[a] = Complex.FromPolarCoordinates(1 + (options.AmplitudeScatter * grng.NextGaussian()), grng.Uniform(-Math.PI, Math.PI));
        }

        var truth = new GainTable(slots, options.Antennas);
        for (var d = 0; d < calibrators.Count; d++)
        {
            var g = truth.For(calibrators[d].Name);
            var drng = DeterministicRandom.For(options.Seed, 4, d);
            for (var a = 0; a < options.Antennas; a++)
            {
                // A random start (the ionosphere is not known a priori) and a smooth random walk in time.
                var phase = drng.Uniform(-Math.PI, Math.PI);
                var amplitude = 1 + (options.AmplitudeScatter * drng.NextGaussian());
                for (var t = 0; t < slots; t++)
                {
                    phase += options.PhaseStepDeg * SkyGeometry.Deg * drng.NextGaussian();
                    amplitude = Math.Clamp(amplitude * (1 + (options.AmplitudeStep * drng.NextGaussian())), 0.5, 1.5);
                    g[(t * options.Antennas) + a] = di[a] * Complex.FromPolarCoordinates(amplitude, phase);
                }
            }
        }

        // Every source takes the gains of its nearest calibrator (Voronoi over the whole sky).
        var owners = new FacetLayout(calibrators, options.RaDeg, options.DecDeg, 180);
        for (var d = 0; d < calibrators.Count; d++)
        {
            var model = Predictor.Predict(vis, owners.SourcesOf(d, sky), beam, truth.For(calibrators[d].Name));
            Predictor.AddBack(vis, model);
        }

        var nrng = DeterministicRandom.For(options.Seed, 5);
        for (var i = 0; i < vis.Data.Length; i++)
        {
            vis.Data[i] += new Complex(options.NoiseSigmaJy * nrng.NextGaussian(), options.NoiseSigmaJy * nrng.NextGaussian());
        }

        return new SimulatedField(vis, sky, calibrators, truth, di, beam, options.NoiseSigmaJy);
    }

    /// <summary>
    /// Simulates a field and writes <see cref="DataFile"/>, <see cref="SkyModelFileName"/>, <see cref="TruthFile"/> and
    /// <see cref="DiTableFile"/> into <paramref name="directory"/>.
    /// </summary>
    public static SimulatedField Run(SimulationOptions options, string directory)
    {
        Directory.CreateDirectory(directory);
        var field = Simulate(options);
        field.Data.Write(Path.Combine(directory, DataFile));
        SkyModelFile.Write(Path.Combine(directory, SkyModelFileName), field.Sky);
        field.TrueGains.Write(Path.Combine(directory, TruthFile));
        var di = new StringBuilder("antenna,real,imag\n");
        for (var a = 0; a < field.DirectionIndependent.Count; a++)
        {
            di.Append(CultureInfo.InvariantCulture, $"{a},{field.DirectionIndependent[a].Real:R},{field.DirectionIndependent[a].Imaginary:R}\n");
        }

        File.WriteAllText(Path.Combine(directory, DiTableFile), di.ToString());
        return field;
    }

    private static double[][] Antennas(SimulationOptions options, DeterministicRandom rng)
    {
        var lat = options.LatitudeDeg * SkyGeometry.Deg;
        var local = new List<(double E, double N)>();
        while (local.Count < options.Antennas)
        {
            var r = options.ArrayRadiusM * Math.Sqrt(rng.NextDouble());
            var angle = rng.Uniform(0, 2 * Math.PI);
            var candidate = (E: r * Math.Cos(angle), N: r * Math.Sin(angle));
            // Stations are physically apart; a minimum spacing also avoids near-duplicate uv points.
            if (local.All(p => Math.Sqrt(((p.E - candidate.E) * (p.E - candidate.E)) + ((p.N - candidate.N) * (p.N - candidate.N))) > 50))
            {
                local.Add(candidate);
            }
        }

        // A flat array (up = 0): east is +Y, north tilts between −X and +Z by the latitude.
        return [.. local.Select(p => new[] { -Math.Sin(lat) * p.N, p.E, Math.Cos(lat) * p.N })];
    }

    private static List<SkySource> Sky(SimulationOptions options, DeterministicRandom rng)
    {
        var sources = new List<SkySource>();
        var calibrators = new List<SkySource>();
        while (calibrators.Count < options.Calibrators)
        {
            var (ra, dec) = RandomPosition(options, rng, options.CalibratorInnerRadiusDeg);
            // Calibrators well apart, so that each has its own facet.
            if (calibrators.All(c => SkyGeometry.SeparationDeg(c.RaDeg, c.DecDeg, ra, dec) > 0.4))
            {
                calibrators.Add(new SkySource("", ra, dec, rng.Uniform(options.CalibratorMinJy, options.CalibratorMaxJy)));
            }
        }

        var k = 1;
        foreach (var c in calibrators.OrderByDescending(c => c.FluxJy))
        {
            sources.Add(c with { Name = $"cal{k++}" });
        }

        for (var i = 0; i < options.FaintSources; i++)
        {
            var (ra, dec) = RandomPosition(options, rng, 0);
            // Flux drawn log-uniformly, as source counts are steep.
            var flux = options.FaintMinJy * Math.Pow(options.FaintMaxJy / options.FaintMinJy, rng.NextDouble());
            sources.Add(new SkySource($"src{i + 1}", ra, dec, flux, rng.Uniform(0, 30)));
        }

        return sources;
    }

    private static (double Ra, double Dec) RandomPosition(SimulationOptions options, DeterministicRandom rng, double inner)
    {
        var r = Math.Sqrt(rng.Uniform(inner * inner, options.FieldRadiusDeg * options.FieldRadiusDeg));
        var angle = rng.Uniform(0, 2 * Math.PI);
        return SkyGeometry.Offset(options.RaDeg, options.DecDeg, r * Math.Cos(angle), r * Math.Sin(angle));
    }
}
