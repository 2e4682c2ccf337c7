using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Tests.Lap;

[TestClass]
public sealed class TransientRecoveryTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Injected_transients_above_5_sigma_are_recovered_at_90_percent_with_at_most_5_percent_false_detections()
    {
        var demo = LapDemo.Instance;
        var matchRadius = 2.0;
        var expected = new List<TruthTransient>();
        var recovered = 0;
        var unusable = 0;
        foreach (var t in demo.Manifest.Transients.Where(t => t.ExpectedSnr >= 5))
        {
            // A transient can only be found in a difference of its own exposure where that difference has good pixels
            // (not under a masked streak, a saturated star or outside one of the inputs).
            var runs = demo.FinalDiffs.Where(d => (d.Science.ExpId == t.ExpId || d.Template?.ExpId == t.ExpId) && Unmasked(d, t)).ToList();
            if (runs.Count == 0)
            {
                unusable++;
                continue;
            }

            expected.Add(t);
            var found = runs.Any(d =>
            {
                var sign = d.Science.ExpId == t.ExpId ? 1 : -1;
                var wcs = TanWcs.FromHeader(FitsFile.Read(d.Result.Output.Image).Header);
                var (x, y) = wcs.SkyToPixel(t.RaDeg, t.DecDeg);
                return d.Result.Detections.Any(det => Math.Sign(det.Significance) == sign && Math.Sqrt(Math.Pow(det.X - x, 2) + Math.Pow(det.Y - y, 2)) <= matchRadius);
            });
            recovered += found ? 1 : 0;
            if (!found)
            {
                TestContext.WriteLine($"missed: {t}");
            }
        }

        var total = 0;
        var falseDetections = 0;
        foreach (var d in demo.FinalDiffs)
        {
            var wcs = TanWcs.FromHeader(FitsFile.Read(d.Result.Output.Image).Header);
            var truths = demo.Manifest.Transients.Where(t => t.ExpId == d.Science.ExpId || t.ExpId == d.Template?.ExpId)
                .Select(t => wcs.SkyToPixel(t.RaDeg, t.DecDeg)).ToList();
            foreach (var det in d.Result.Detections)
            {
                total++;
                if (!truths.Any(p => Math.Sqrt(Math.Pow(det.X - p.X, 2) + Math.Pow(det.Y - p.Y, 2)) <= matchRadius))
                {
                    falseDetections++;
                    TestContext.WriteLine($"false: {d.Science.Name}-{d.Template?.Name ?? "stack"} {d.Skycell} ({det.X:F1},{det.Y:F1}) S/N {det.Significance:F1}");
                }
            }
        }

        var recoveryRate = recovered / (double)expected.Count;
        var falseRate = falseDetections / (double)Math.Max(total, 1);
        TestContext.WriteLine($"transients {expected.Count} (+{unusable} on masked pixels), recovered {recovered} ({recoveryRate:P1}); detections {total}, false {falseDetections} ({falseRate:P1}); diffs {demo.FinalDiffs.Count}");
        Assert.IsGreaterThanOrEqualTo(20, expected.Count, "the demo must inject enough transients for the rates to mean something");
        Assert.IsLessThanOrEqualTo(expected.Count / 5, unusable, "most transients must land on usable pixels");
        Assert.IsGreaterThanOrEqualTo(0.90, recoveryRate);
        Assert.IsLessThanOrEqualTo(0.05, falseRate);
    }

    private static bool Unmasked(LapDemo.DiffRun run, TruthTransient t)
    {
        var mask = FitsFile.Read(run.Result.Output.Mask);
        var wcs = TanWcs.FromHeader(mask.Header);
        var (x, y) = wcs.SkyToPixel(t.RaDeg, t.DecDeg);
        var ix = (int)Math.Round(x);
        var iy = (int)Math.Round(y);
        return ix >= 0 && iy >= 0 && ix < mask.Width && iy < mask.Height && mask[ix, iy] == 0;
    }
}
