using Nightshift.Activities.Kernels.Analysis;

namespace Nightshift.Activities.Tests.Analysis;

/// <summary>
/// The chunked, merged analysis against a plain single pass over every event written here from scratch: own object
/// selection, own invariant mass, own bin search, plain double sums. Counts must match exactly, weights to 1e-9.
/// </summary>
[TestClass]
public sealed class SinglePassReferenceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Chunked_histograms_and_cut_flows_equal_an_independent_single_pass_over_all_events()
    {
        var demo = AnalysisDemo.Instance;
        var result = await IterativeAnalysis.RunAsync(demo.Config, new ChunkingOptions(337, null, null, SkipBadFiles: true), 3, TestContext.CancellationToken);
        var checkedBins = 0;
        foreach (var dataset in demo.Config.Datasets)
        {
            var reference = await ReferenceAsync(demo.Config, dataset);
            var d = result.Datasets[dataset.Name];
            Assert.AreEqual(reference.Steps.Count, d.Steps.Count);
            for (var i = 0; i < d.Steps.Count; i++)
            {
                Assert.AreEqual(reference.Steps[i].Events, d.Steps[i].Events, $"{dataset.Name} cut flow {d.Steps[i].Name}");
                AssertClose(reference.Steps[i].Sum, reference.Steps[i].AbsSum, d.Steps[i].Weighted.ToDouble(), $"{dataset.Name} cut flow {d.Steps[i].Name}");
            }

            foreach (var c in d.Categories)
            {
                Assert.AreEqual(reference.Categories[c.Name].Events, c.Events, $"{dataset.Name} category {c.Name}");
                AssertClose(reference.Categories[c.Name].Sum, reference.Categories[c.Name].AbsSum, c.Weighted.ToDouble(), $"{dataset.Name} category {c.Name}");
            }

            foreach (var (key, bins) in reference.Histograms)
            {
                var h = d.Histograms[key];
                for (var b = 0; b < bins.Length; b++)
                {
                    Assert.AreEqual(bins[b].Events, h.Entries[b], $"{dataset.Name} {key} bin {b} entries");
                    AssertClose(bins[b].Sum, bins[b].AbsSum, h.SumW[b].ToDouble(), $"{dataset.Name} {key} bin {b} sumw");
                    AssertClose(bins[b].Sum2, bins[b].Sum2, h.SumW2[b].ToDouble(), $"{dataset.Name} {key} bin {b} sumw2");
                    checkedBins++;
                }
            }

            TestContext.WriteLine($"{dataset.Name}: {d.EventsProcessed} events, after preselection {d.Steps[^1].Events}, weighted {d.Steps[^1].Weighted.ToDouble():G6}");
        }

        Assert.IsGreaterThan(500, checkedBins);
        Assert.IsGreaterThan(0L, result.Datasets["ZPrimeToBB_M500_2018"].Histograms["mbb/2b"].Entries.Sum());
    }

    private static void AssertClose(double expected, double scale, double actual, string what)
    {
        // Relative to the sum of |w|: with negative weights a bin's sum may cancel to near zero.
        Assert.IsLessThanOrEqualTo(1e-9 * Math.Max(Math.Abs(scale), 1e-300), Math.Abs(expected - actual), $"{what}: expected {expected}, got {actual}");
    }

    private sealed class Tally
    {
        public long Events;
        public double Sum;
        public double AbsSum;
        public double Sum2;

        public void Add(double w)
        {
            Events++;
            Sum += w;
            AbsSum += Math.Abs(w);
            Sum2 += w * w;
        }
    }

    private sealed record Reference(List<Tally> Steps, Dictionary<string, Tally> Categories, Dictionary<string, Tally[]> Histograms);

    private async Task<Reference> ReferenceAsync(AnalysisConfig config, DatasetDefinition dataset)
    {
        // Hard-wired from SyntheticAnalysis.ConfigText, on purpose: the reference must not reuse the config's cut code.
        var steps = Enumerable.Range(0, 4).Select(_ => new Tally()).ToList();
        var categories = new[] { "inclusive", "1b", "2b" }.ToDictionary(c => c, _ => new Tally());
        var histograms = new Dictionary<string, (Func<Ev, double> Value, double[] Edges, string[] Categories)>
        {
            ["mjj"] = (e => e.Jets.Count > 1 ? PairMass(e.Jets[0], e.Jets[1]) : double.NaN, Regular(30, 0, 1200), ["inclusive", "1b", "2b"]),
            ["mbb"] = (e => e.BJets.Count > 1 ? PairMass(e.BJets[0], e.BJets[1]) : double.NaN, Regular(30, 0, 1200), ["2b"]),
            ["ht"] = (e => e.Jets.Sum(j => (double)j.Pt), [0, 100, 200, 300, 400, 500, 650, 800, 1000, 1500], ["inclusive", "1b", "2b"]),
            ["met"] = (e => e.Met, Regular(25, 0, 250), ["inclusive", "1b", "2b"]),
            ["jet1_pt"] = (e => e.Jets.Count > 0 ? e.Jets[0].Pt : double.NaN, Regular(30, 0, 600), ["inclusive", "1b", "2b"]),
            ["lepton_pt"] = (e => e.LeptonPt, Regular(25, 0, 250), ["inclusive", "1b", "2b"]),
            ["njet"] = (e => e.Jets.Count, Regular(8, 1.5, 9.5), ["inclusive", "1b", "2b"]),
            ["nbjet"] = (e => e.BJets.Count, Regular(5, -0.5, 4.5), ["inclusive", "1b", "2b"]),
        };
        var bins = new Dictionary<string, Tally[]>();
        foreach (var (name, h) in histograms)
        {
            foreach (var c in h.Categories)
            {
                bins[$"{name}/{c}"] = [.. Enumerable.Range(0, h.Edges.Length + 1).Select(_ => new Tally())];
            }
        }

        foreach (var file in dataset.Files)
        {
            EventChunk events;
            try
            {
                events = await NanoParquetFile.ReadAsync(file, 0, await NanoParquetFile.CountEventsAsync(file, TestContext.CancellationToken), TestContext.CancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                continue;
            }

            for (var i = 0; i < events.Count; i++)
            {
                var ev = Ev.From(events, i);
                var w = dataset.IsMC ? events.GenWeight![i] * config.Luminosity * dataset.CrossSection / dataset.SumGenWeights : 1.0;
                steps[0].Add(w);
                if (ev.Jets.Count < 2)
                {
                    continue;
                }

                steps[1].Add(w);
                if (ev.Leptons != 1)
                {
                    continue;
                }

                steps[2].Add(w);
                if (!(ev.Met > 20))
                {
                    continue;
                }

                steps[3].Add(w);
                foreach (var (category, inside) in new[] { ("inclusive", true), ("1b", ev.BJets.Count == 1), ("2b", ev.BJets.Count >= 2) })
                {
                    if (!inside)
                    {
                        continue;
                    }

                    categories[category].Add(w);
                    foreach (var (name, h) in histograms)
                    {
                        var x = h.Value(ev);
                        if (h.Categories.Contains(category) && !double.IsNaN(x))
                        {
                            bins[$"{name}/{category}"][LinearBin(h.Edges, x)].Add(w);
                        }
                    }
                }
            }
        }

        return new Reference(steps, categories, bins);
    }

    private static double[] Regular(int n, double low, double high) => [.. Enumerable.Range(0, n + 1).Select(i => i == n ? high : low + ((high - low) * i / n))];

    private static int LinearBin(double[] edges, double x)
    {
        if (x < edges[0])
        {
            return 0;
        }

        for (var b = 0; b < edges.Length - 1; b++)
        {
            if (x < edges[b + 1])
            {
                return b + 1;
            }
        }

        return edges.Length;
    }

    private static double PairMass(Obj a, Obj b)
    {
        static (double E, double X, double Y, double Z) P(Obj o)
        {
            var x = o.Pt * Math.Cos(o.Phi);
            var y = o.Pt * Math.Sin(o.Phi);
            var z = o.Pt * Math.Sinh(o.Eta);
            return (Math.Sqrt((x * x) + (y * y) + (z * z) + ((double)o.Mass * o.Mass)), x, y, z);
        }

        var (e1, x1, y1, z1) = P(a);
        var (e2, x2, y2, z2) = P(b);
        var m2 = ((e1 + e2) * (e1 + e2)) - ((x1 + x2) * (x1 + x2)) - ((y1 + y2) * (y1 + y2)) - ((z1 + z2) * (z1 + z2));
        return Math.Sqrt(Math.Max(0, m2));
    }

    private sealed record Obj(double Pt, double Eta, double Phi, double Mass, double BTag);

    private sealed record Ev(List<Obj> Jets, List<Obj> BJets, int Leptons, double LeptonPt, double Met)
    {
        public static Ev From(EventChunk c, int i)
        {
            static List<Obj> Objects(JaggedCollection j, int i) => [.. Enumerable.Range(j.Offsets[i], j.Offsets[i + 1] - j.Offsets[i]).Select(k => new Obj(j.Pt[k], j.Eta[k], j.Phi[k], j.Mass[k], j.BTag?[k] ?? 0))];
            var jets = Objects(c.Jets, i).Where(j => j.Pt > 30 && Math.Abs(j.Eta) < 2.4).ToList();
            var muons = Objects(c.Muons, i).Where(m => m.Pt > 25 && Math.Abs(m.Eta) < 2.4).ToList();
            var electrons = Objects(c.Electrons, i).Where(m => m.Pt > 25 && Math.Abs(m.Eta) < 2.5).ToList();
            var leptonPt = muons.Concat(electrons).Select(l => l.Pt).DefaultIfEmpty(double.NaN).Max();
            return new Ev(jets, [.. jets.Where(j => j.BTag > 0.2770)], muons.Count + electrons.Count, leptonPt, c.MetPt[i]);
        }
    }
}
