using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Tests.Lap;

[TestClass]
public sealed class StreakTests
{
    public TestContext TestContext { get; set; } = null!;

    internal sealed record PixelLine(double X1, double Y1, double X2, double Y2)
    {
        public double Distance(double x, double y)
        {
            var dx = X2 - X1;
            var dy = Y2 - Y1;
            return Math.Abs((dy * (x - X1)) - (dx * (y - Y1))) / Math.Sqrt((dx * dx) + (dy * dy));
        }

        public double AngleDeg => ((Math.Atan2(Y2 - Y1, X2 - X1) * 180 / Math.PI) + 360) % 180;
    }

    internal static PixelLine LineOnSkycell(TruthStreak streak, TanWcs wcs)
    {
        var (x1, y1) = wcs.SkyToPixel(streak.Ra1Deg, streak.Dec1Deg);
        var (x2, y2) = wcs.SkyToPixel(streak.Ra2Deg, streak.Dec2Deg);
        return new PixelLine(x1, y1, x2, y2);
    }

    [TestMethod]
    public void Masked_streaks_leave_no_detections_along_their_line()
    {
        var demo = LapDemo.Instance;
        Assert.IsNotEmpty(demo.Manifest.Streaks);
        var before = 0;
        var after = 0;
        var found = 0;
        foreach (var streak in demo.Manifest.Streaks)
        {
            foreach (var run in demo.Diffs.Where(d => d.Science.ExpId == streak.ExpId || d.Template?.ExpId == streak.ExpId))
            {
                var wcs = TanWcs.FromHeader(FitsFile.Read(run.Result.Output.Image).Header);
                var line = LineOnSkycell(streak, wcs);
                var magic = demo.Magic[run];
                var final = demo.FinalDiffs.Single(f => f.Science == run.Science && f.Template == run.Template && f.Skycell == run.Skycell);
                var near = run.Result.Detections.Count(d => line.Distance(d.X, d.Y) < 8);
                var nearAfter = final.Result.Detections.Where(d => line.Distance(d.X, d.Y) < 8).ToList();
                before += near;
                after += nearAfter.Count;
                TestContext.WriteLine($"{run.Science.Name}-{run.Template?.Name ?? "stack"} {run.Skycell}: {near} detections along the streak before, {nearAfter.Count} after; {magic.Streaks.Count} streak(s) found");
                foreach (var d in nearAfter)
                {
                    TestContext.WriteLine($"  left: ({d.X:F1},{d.Y:F1}) S/N {d.Significance:F1}");
                }

                if (magic.Streaks.Count > 0)
                {
                    found++;
                    var s = magic.Streaks[0];
                    // The Hough line is normal-form: its direction is θ + 90°.
                    var direction = (s.ThetaDeg + 90) % 180;
                    var angleError = Math.Abs(direction - line.AngleDeg);
                    angleError = Math.Min(angleError, 180 - angleError);
                    var t = s.ThetaDeg * Math.PI / 180;
                    var footX = s.Rho * Math.Cos(t);
                    var footY = s.Rho * Math.Sin(t);
                    Assert.IsLessThan(2.0, angleError, $"angle of the found streak vs truth in {run.Skycell}");
                    Assert.IsLessThan(2.0, line.Distance(footX, footY), $"offset of the found streak from truth in {run.Skycell}");
                    Assert.AreEqual(run.Science.ExpId == streak.ExpId ? 1 : -1, s.Sign, "the streak is attributed to the exposure that has it");
                }
            }
        }

        TestContext.WriteLine($"detections along streaks: {before} before destreaking, {after} after; streaks found in {found} differences");
        Assert.IsGreaterThan(0, before, "unmasked streaks do produce detections, so this test can fail");
        Assert.IsGreaterThan(0, found);
        Assert.AreEqual(0, after);
    }

    [TestMethod]
    public void Magic_finds_no_streak_in_differences_without_one()
    {
        var demo = LapDemo.Instance;
        var streaked = demo.Manifest.Streaks.Select(s => s.ExpId).ToHashSet();
        var clean = demo.Magic.Where(m => !streaked.Contains(m.Key.Science.ExpId) && !(m.Key.Template is { } t && streaked.Contains(t.ExpId))).ToList();
        Assert.IsGreaterThan(10, clean.Count);
        foreach (var (run, magic) in clean)
        {
            Assert.IsEmpty(magic.Streaks, $"{run.Science.Name} {run.Skycell}: {string.Join("; ", magic.Streaks)}");
            Assert.AreEqual(0, magic.MaskedScience);
        }
    }
}
