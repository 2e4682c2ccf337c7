namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// Writes a small synthetic NanoAOD-like analysis: collision data, a Z'→bb̄ signal (mass 500 GeV) and tt̄ and W+jets
/// backgrounds as Parquet files, their dataset definition file (<c>datasets.json</c>) and an analysis configuration
/// (<c>analysis.yaml</c>) with ten histograms. Two files are deliberately unreadable: one data file is not Parquet at
/// all and one W+jets file is truncated (its footer is gone). Everything is seeded, so two runs write the same bytes.
/// </summary>
public static class SyntheticAnalysis
{
    private const double SignalMass = 500;

    private static readonly (string Name, string Sample, string Kind, double CrossSection)[] Samples =
    [
        ("DATA_SingleMuon_2018", "DATA", "data", 0),
        ("TTToSemiLeptonic_2018", "TTbar", "ttbar", 365.34),
        ("WJetsToLNu_HT-200_2018", "WJets", "wjets", 478.4),
        ("ZPrimeToBB_M500_2018", "Signal", "signal", 26.1),
    ];

    /// <summary>Writes the analysis into <paramref name="directory"/>; returns the path of <c>analysis.yaml</c>.</summary>
    public static async Task<string> GenerateAsync(string directory, SyntheticAnalysisSize size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(size);
        var data = Path.Combine(Path.GetFullPath(directory), "data");
        Directory.CreateDirectory(data);
        var definitions = new List<DatasetDefinition>();
        for (var s = 0; s < Samples.Length; s++)
        {
            var (name, sample, kind, xsec) = Samples[s];
            var files = new List<string>();
            var sumw = 0.0;
            long events = 0;
            for (var f = 0; f < size.FilesPerDataset; f++)
            {
                var path = Path.Combine(data, $"{name}_{f}.parquet");
                var chunk = Generate(kind, (1000 * s) + f, size.EventsPerFile, f);
                if (chunk.GenWeight is { } gw)
                {
                    foreach (var w in gw)
                    {
                        sumw += w;
                    }
                }

                await NanoParquetFile.WriteAsync(path, chunk, size.RowGroupSize, cancellationToken).ConfigureAwait(false);
                files.Add(path);
                events += chunk.Count;
            }

            if (kind == "data")
            {
                // Not Parquet at all: the footer check fails when the dataset is planned.
                var path = Path.Combine(data, $"{name}_corrupt.parquet");
                await File.WriteAllBytesAsync(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 37) + 11))], cancellationToken).ConfigureAwait(false);
                files.Add(path);
                events += size.EventsPerFile;
            }
            else if (kind == "wjets")
            {
                // A transfer cut short: a real file truncated to 60%, so its footer is gone.
                var path = Path.Combine(data, $"{name}_truncated.parquet");
                var chunk = Generate(kind, (1000 * s) + 999, size.EventsPerFile, size.FilesPerDataset);
                await NanoParquetFile.WriteAsync(path, chunk, size.RowGroupSize, cancellationToken).ConfigureAwait(false);
                var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 6 / 10)], cancellationToken).ConfigureAwait(false);
                foreach (var w in chunk.GenWeight!)
                {
                    sumw += w;
                }

                files.Add(path);
                events += chunk.Count;
            }

            definitions.Add(new DatasetDefinition
            {
                Name = name,
                Sample = sample,
                IsMC = kind != "data",
                CrossSection = xsec,
                SumGenWeights = sumw,
                Events = events,
                Files = files,
            });
        }

        var root = Path.GetFullPath(directory);
        DatasetDefinitionFile.Write(Path.Combine(root, "datasets.json"), definitions);
        var config = Path.Combine(root, "analysis.yaml");
        // The data are drawn 55% W+jets, 42% tt̄, 3% signal, in the ratio of the cross-sections, so this luminosity makes
        // the simulation predict as many events as the readable data files hold and the plots agree.
        var luminosity = size.FilesPerDataset * size.EventsPerFile / Samples.Sum(s => s.CrossSection);
        await File.WriteAllTextAsync(config, ConfigText.Replace("luminosity: 59740   # pb^-1 (2018)", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"luminosity: {luminosity:R}   # pb^-1, matched to the synthetic data"), StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
        return config;
    }

    /// <summary>The configuration the generator writes: one lepton, at least two jets, categories by b-tag count.</summary>
    public const string ConfigText = """
        # Synthetic Z'->bb search: one lepton, two or more jets, categories by the number of b-tagged jets.
        datasets:
          jsons: [datasets.json]
          filter:
            samples: [DATA, TTbar, WJets, Signal]
        luminosity: 59740   # pb^-1 (2018)
        objects:
          jets: {pt: 30, eta: 2.4, btag: 0.2770}
          muons: {pt: 25, eta: 2.4}
          electrons: {pt: 25, eta: 2.5}
        skim:
          - nJet >= 2
        preselection:
          - {name: one_lepton, cut: "nLepton == 1"}
          - {name: met, cut: "MET > 20"}
        categories:
          inclusive: []
          1b: ["nBJet == 1"]
          2b: ["nBJet >= 2"]
        weights: [genWeight, lumi, XS]
        histograms:
          mjj: {variable: mjj, bins: {n: 30, low: 0, high: 1200}, label: "m(jj) [GeV]"}
          mbb: {variable: mbb, bins: {n: 30, low: 0, high: 1200}, categories: [2b], label: "m(bb) [GeV]"}
          ht: {variable: HT, edges: [0, 100, 200, 300, 400, 500, 650, 800, 1000, 1500], label: "HT [GeV]"}
          met: {variable: MET, bins: {n: 25, low: 0, high: 250}, label: "MET [GeV]"}
          jet1_pt: {variable: JetPt1, bins: {n: 30, low: 0, high: 600}, label: "leading jet pT [GeV]"}
          jet1_eta: {variable: JetEta1, bins: {n: 24, low: -2.4, high: 2.4}}
          jet2_pt: {variable: JetPt2, bins: {n: 30, low: 0, high: 450}}
          lepton_pt: {variable: LeptonPt1, bins: {n: 25, low: 0, high: 250}}
          njet: {variable: nJet, bins: {n: 8, low: 1.5, high: 9.5}}
          nbjet: {variable: nBJet, bins: {n: 5, low: -0.5, high: 4.5}}
        """;

    private static EventChunk Generate(string kind, int seed, int count, int fileIndex)
    {
        var random = new Random(seed);
        var jets = new ObjectsBuilder(hasBTag: true);
        var muons = new ObjectsBuilder(hasBTag: false);
        var electrons = new ObjectsBuilder(hasBTag: false);
        var gen = kind == "data" ? null : new float[count];
        var metPt = new float[count];
        var metPhi = new float[count];
        var runs = new int[count];
        var lumis = new int[count];
        var numbers = new long[count];
        for (var i = 0; i < count; i++)
        {
            var eventKind = kind != "data" ? kind : random.NextDouble() switch { < 0.55 => "wjets", < 0.97 => "ttbar", _ => "signal" };
            GenerateEvent(eventKind, random, jets, muons, electrons);
            metPt[i] = (float)(15 + Exponential(random, eventKind == "ttbar" ? 55 : 35));
            metPhi[i] = (float)Phi(random);
            runs[i] = kind == "data" ? 315_000 + fileIndex : 1;
            lumis[i] = 1 + (i / 200);
            numbers[i] = (fileIndex * 10_000_000L) + i + 1;
            if (gen is not null)
            {
                // NLO-like weights: a spread of magnitudes and a few negative ones, so weighted sums are not counts.
                var sign = random.NextDouble() < 0.06 ? -1 : 1;
                gen[i] = (float)(sign * (kind == "ttbar" ? 73.5 : 1.0) * (0.6 + (0.8 * random.NextDouble())));
            }
        }

        return new EventChunk
        {
            Run = runs,
            LuminosityBlock = lumis,
            Event = numbers,
            GenWeight = gen,
            MetPt = metPt,
            MetPhi = metPhi,
            Jets = jets.Build(),
            Muons = muons.Build(),
            Electrons = electrons.Build(),
        };
    }

    private static void GenerateEvent(string kind, Random random, ObjectsBuilder jets, ObjectsBuilder muons, ObjectsBuilder electrons)
    {
        var list = new List<(double Pt, double Eta, double Phi, double Mass, double BTag)>();
        double LightTag() => Math.Pow(random.NextDouble(), 4) * 0.8;
        double BTag() => 0.35 + (0.65 * random.NextDouble());
        (double, double, double, double, double) Jet(double pt, bool b) => (pt, (random.NextDouble() * 6) - 3, Phi(random), pt * (0.06 + (0.1 * random.NextDouble())), b ? BTag() : LightTag());
        switch (kind)
        {
            case "ttbar":
                list.Add(Jet(30 + Exponential(random, 70), true));
                list.Add(Jet(30 + Exponential(random, 60), true));
                for (var j = random.Next(2, 5); j > 0; j--)
                {
                    list.Add(Jet(20 + Exponential(random, 45), false));
                }

                break;
            case "wjets":
                for (var j = random.Next(0, 5); j > 0; j--)
                {
                    list.Add(Jet(15 + Exponential(random, 45), random.NextDouble() < 0.08));
                }

                break;
            default:
                // Two b-jets back to back in phi whose massless invariant mass is the resonance mass, smeared by 8%.
                var deltaEta = (random.NextDouble() * 3) - 1.5;
                var centre = (random.NextDouble() * 2) - 1;
                var pt = SignalMass / (2 * Math.Cosh(deltaEta / 2)) * (1 + (0.08 * Gaussian(random)));
                var phi = Phi(random);
                list.Add((pt, centre + (deltaEta / 2), phi, 10, BTag()));
                list.Add((pt * (0.9 + (0.2 * random.NextDouble())), centre - (deltaEta / 2), phi > 0 ? phi - Math.PI : phi + Math.PI, 10, BTag()));
                for (var j = random.Next(0, 3); j > 0; j--)
                {
                    list.Add(Jet(20 + Exponential(random, 40), false));
                }

                break;
        }

        jets.Add(list.OrderByDescending(j => j.Pt));
        var leptonPt = 20 + Exponential(random, kind == "ttbar" ? 45 : 35);
        var lepton = (leptonPt, (random.NextDouble() * 5) - 2.5, Phi(random), 0.105, 0.0);
        var none = Array.Empty<(double, double, double, double, double)>();
        var hasLepton = random.NextDouble() < 0.9;
        var isMuon = random.NextDouble() < 0.5;
        muons.Add(hasLepton && isMuon ? [lepton] : none);
        electrons.Add(hasLepton && !isMuon ? [lepton with { Item4 = 0.000511 }] : none);
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Phi(Random random) => (random.NextDouble() * 2 * Math.PI) - Math.PI;

    private sealed class ObjectsBuilder(bool hasBTag)
    {
        private readonly List<int> offsets = [0];
        private readonly List<float> pt = [];
        private readonly List<float> eta = [];
        private readonly List<float> phi = [];
        private readonly List<float> mass = [];
        private readonly List<float> btag = [];

        public void Add(IEnumerable<(double Pt, double Eta, double Phi, double Mass, double BTag)> objects)
        {
            foreach (var o in objects)
            {
                pt.Add((float)o.Pt);
                eta.Add((float)o.Eta);
                phi.Add((float)o.Phi);
                mass.Add((float)o.Mass);
                btag.Add((float)o.BTag);
            }

            offsets.Add(pt.Count);
        }

        public JaggedCollection Build() => new([.. offsets], [.. pt], [.. eta], [.. phi], [.. mass], hasBTag ? [.. btag] : null);
    }
}
