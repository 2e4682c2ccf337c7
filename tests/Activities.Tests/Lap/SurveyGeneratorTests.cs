using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Tests.Lap;

[TestClass]
public sealed class SurveyGeneratorTests
{
    private static readonly SurveyConfig Small = new()
    {
        ProjectionCellCount = 1,
        ExposureSize = 96,
        SkycellSize = 48,
        PairObjectsPerCell = 1,
        NightsPerCell = 1,
        BadPerCell = 0,
        StarsPerCell = 30,
    };

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    [TestMethod]
    public void Same_seed_gives_a_byte_identical_survey_and_another_seed_does_not()
    {
        var a = TestDirs.New("gen-a");
        var b = TestDirs.New("gen-b");
        var c = TestDirs.New("gen-c");
        SurveyGenerator.Generate(Small, a);
        SurveyGenerator.Generate(Small, b);
        SurveyGenerator.Generate(Small with { Seed = 43 }, c);

        var fa = Files(a);
        var fb = Files(b);
        CollectionAssert.AreEquivalent(fa.Keys.ToList(), fb.Keys.ToList());
        foreach (var (name, bytes) in fa)
        {
            CollectionAssert.AreEqual(bytes, fb[name], name);
        }

        var fc = Files(c);
        Assert.IsTrue(fa.Any(kv => kv.Key.StartsWith("raw", StringComparison.Ordinal) && !kv.Value.SequenceEqual(fc[kv.Key])));
    }

    [TestMethod]
    public void Exposures_carry_object_comment_time_and_filter_and_pairs_share_object_and_comment()
    {
        var demo = LapDemo.Instance;
        var manifest = demo.Manifest;
        Assert.HasCount(20, manifest.Exposures);
        foreach (var exposure in manifest.Exposures)
        {
            var header = FitsFile.Read(manifest.Resolve(exposure.RawPath)).Header;
            Assert.AreEqual(exposure.Object, header.GetString("OBJECT"));
            Assert.AreEqual(exposure.Comment, header.Comments.First());
            Assert.AreEqual(exposure.MjdObs, header.GetDouble("MJD-OBS"));
            Assert.AreEqual("r", header.GetString("FILTER"));
            _ = TanWcs.FromHeader(header);
        }

        Assert.IsTrue(manifest.Exposures.Where(e => e.Kind == SurveyExposureKind.Junk).All(e => e.Comment is "focus" or "test"));
        // Pairs: each OBJECT+COMMENT group of pair exposures has an even count, and ids follow time.
        foreach (var group in manifest.Exposures.Where(e => e.Kind == SurveyExposureKind.Pair).GroupBy(e => (e.Object, e.Comment)))
        {
            Assert.AreEqual(0, group.Count() % 2, group.Key.ToString());
        }

        CollectionAssert.AreEqual(manifest.Exposures.OrderBy(e => e.MjdObs).Select(e => e.ExpId).ToList(), manifest.Exposures.Select(e => e.ExpId).ToList());
        Assert.AreEqual(2, manifest.Exposures.Count(e => e.IsBad));
        Assert.AreEqual(2, manifest.Exposures.Count(e => e.HasStreak));
        Assert.IsGreaterThanOrEqualTo(40, manifest.Transients.Count);
        Assert.IsTrue(File.Exists(Path.Combine(manifest.RootDirectory, "truth", "transients.csv")));
        Assert.AreEqual(manifest.Exposures.Count, SurveyManifest.Load(manifest.RootDirectory).Exposures.Count);
    }

    [TestMethod]
    public void Kernel_chain_gives_bit_identical_catalogues_when_run_again()
    {
        var demo = LapDemo.Instance;
        var run = demo.FinalDiffs.First(d => d.Result.Detections.Count > 0);
        var dir = TestDirs.New("rerun");
        var again = new List<string>();
        foreach (var exposure in new[] { run.Science, run.Template }.OfType<SurveyExposure>())
        {
            var chip = ChipKernel.Run(demo.Manifest.Resolve(exposure.RawPath), demo.Manifest.Resolve(demo.Manifest.BiasPath),
                demo.Manifest.Resolve(demo.Manifest.FlatPath), Path.Combine(dir, exposure.Name));
            var cell = demo.Manifest.ProjectionCells.Single(c => c.Name == exposure.ProjectionCell);
            again.Add(WarpKernel.Run(chip.Output, cell.Skycells, dir).Warps.Single(w => w.Skycell == run.Skycell).Output.Image);
        }

        // The warps must match the fixture's bit for bit (same inputs, different directory and time).
        var original = demo.Warps[run.Science.Name].Warps.Single(w => w.Skycell == run.Skycell).Output.Image;
        CollectionAssert.AreEqual(File.ReadAllBytes(original), File.ReadAllBytes(again[0]));
        var first = DiffKernel.Run(demo.Warps[run.Science.Name].Warps.Single(w => w.Skycell == run.Skycell).Output,
            run.Template is null ? demo.Stacks[run.Skycell].Output! : demo.Warps[run.Template.Name].Warps.Single(w => w.Skycell == run.Skycell).Output,
            Path.Combine(dir, "d1"));
        var second = DiffKernel.Run(demo.Warps[run.Science.Name].Warps.Single(w => w.Skycell == run.Skycell).Output,
            run.Template is null ? demo.Stacks[run.Skycell].Output! : demo.Warps[run.Template.Name].Warps.Single(w => w.Skycell == run.Skycell).Output,
            Path.Combine(dir, "d2"));
        CollectionAssert.AreEqual(File.ReadAllBytes(first.CatalogPath), File.ReadAllBytes(second.CatalogPath));
        CollectionAssert.AreEqual(first.Detections.ToList(), DiffKernel.ReadCatalog(first.CatalogPath).ToList());
    }
}
