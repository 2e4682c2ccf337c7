using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Tests.Lap;

[TestClass]
public sealed class StackTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly SurveyConfig BlankSky = new()
    {
        Seed = 7,
        ProjectionCellCount = 1,
        SkycellsPerSide = 1,
        SkycellSize = 72,
        ExposureSize = 96,
        PairObjectsPerCell = 4,
        NightsPerCell = 1,
        PrivatePerCell = 0,
        JunkPerCell = 0,
        BadPerCell = 0,
        StreaksPerCell = 0,
        TransientsPerExposure = 0,
        StarsPerCell = 0,
        SaturatedStarsPerCell = 0,
        ExtendedSourcesPerCell = 0,
    };

    private static List<ImageProduct> BlankSkyWarps(string dir)
    {
        var survey = SurveyGenerator.Generate(BlankSky, Path.Combine(dir, "survey"));
        var skycells = survey.ProjectionCells[0].Skycells;
        return survey.Exposures.Select(e =>
        {
            var chip = ChipKernel.Run(survey.Resolve(e.RawPath), survey.Resolve(survey.BiasPath), survey.Resolve(survey.FlatPath), Path.Combine(dir, "chip", e.Name));
            return WarpKernel.Run(chip.Output, skycells, Path.Combine(dir, "warp")).Warps.Single().Output;
        }).ToList();
    }

    [TestMethod]
    public void Stack_noise_is_within_15_percent_of_single_warp_noise_over_sqrt_N()
    {
        var dir = TestDirs.New("stack-noise");
        var warps = BlankSkyWarps(dir);
        var result = StackKernel.Run(warps, Path.Combine(dir, "stack"));
        Assert.IsTrue(result.Created);

        // Compare on the pixels that every input covers, so N is the same everywhere.
        var masks = warps.Select(w => FitsFile.Read(w.Mask).Pixels).ToList();
        var images = warps.Select(w => FitsFile.Read(w.Image).Pixels).ToList();
        var common = Enumerable.Range(0, masks[0].Length).Where(i => masks.All(m => m[i] == 0)).ToList();
        Assert.IsGreaterThan(1000, common.Count, "the exposures must overlap on most of the skycell");

        var singles = images.Select(img => TestDirs.RobustSigma(common.Select(i => (double)img[i]))).ToList();
        var single = Math.Sqrt(singles.Average(s => s * s));
        var stack = FitsFile.Read(result.Output!.Image).Pixels;
        var stackNoise = TestDirs.RobustSigma(common.Select(i => (double)stack[i]));
        var expected = single / Math.Sqrt(warps.Count);
        var ratio = stackNoise / expected;
        TestContext.WriteLine($"N {warps.Count}, single-warp noise {single:F3}, stack noise {stackNoise:F3}, expected {expected:F3}, ratio {ratio:F3}; kernel reports {result.NoiseSigma:F3} (propagated {result.ExpectedNoiseSigma:F3}), clipped {result.ClippedFraction:P2}");
        Assert.AreEqual(1.0, ratio, 0.15);
        Assert.AreEqual(stackNoise, result.NoiseSigma, 0.15 * stackNoise, "the kernel's own noise estimate agrees");
    }

    [TestMethod]
    public void Stack_is_not_made_with_fewer_than_the_minimum_inputs_and_the_minimum_is_configurable()
    {
        var demo = LapDemo.Instance;
        var skycell = demo.Manifest.ProjectionCells[0].Skycells[0].Name;
        var five = demo.Good.SelectMany(e => demo.Warps[e.Name].Warps).Where(w => w.Skycell == skycell).Take(5).Select(w => w.Output).ToList();
        Assert.HasCount(5, five);
        var dir = TestDirs.New("stack-min");

        var refused = StackKernel.Run(five, Path.Combine(dir, "six"));
        Assert.IsFalse(refused.Created);
        Assert.IsNull(refused.Output);
        Assert.IsFalse(File.Exists(Path.Combine(dir, "six.fits")));

        var made = StackKernel.Run(five, Path.Combine(dir, "five"), new StackOptions { MinInputs = 5 });
        Assert.IsTrue(made.Created);
        Assert.IsTrue(made.Output!.Exists());
        Assert.AreEqual(5L, FitsFile.Read(made.Output.Image).Header.GetInt64("NINPUTS"));
    }

    [TestMethod]
    public void Stack_clips_a_satellite_streak_present_in_one_input()
    {
        var demo = LapDemo.Instance;
        var streak = demo.Manifest.Streaks[0];
        var exposure = demo.Manifest.Exposures.Single(e => e.ExpId == streak.ExpId);
        var checkedPixels = 0;
        foreach (var warp in demo.Warps[exposure.Name].Warps)
        {
            var stack = demo.Stacks[warp.Skycell];
            var image = FitsFile.Read(stack.Output!.Image);
            var mask = FitsFile.Read(stack.Output.Mask);
            var input = FitsFile.Read(warp.Output.Image);
            var inputMask = FitsFile.Read(warp.Output.Mask);
            var wcs = TanWcs.FromHeader(image.Header);
            var line = StreakTests.LineOnSkycell(streak, wcs);
            var onLine = new List<double>();
            var inInput = new List<double>();
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    if (line.Distance(x, y) < 0.7 && mask[x, y] == 0 && inputMask[x, y] == 0)
                    {
                        onLine.Add(image[x, y]);
                        inInput.Add(input[x, y]);
                    }
                }
            }

            if (onLine.Count < 20)
            {
                continue;
            }

            checkedPixels += onLine.Count;
            // Medians, so that a star crossing the line does not count as streak.
            var inputLevel = Median(inInput);
            var stackLevel = Median(onLine);
            TestContext.WriteLine($"{warp.Skycell}: streak in input {inputLevel:F1} ADU, stack on the line {stackLevel:F2} ADU (stack noise {stack.NoiseSigma:F2}, {onLine.Count} pixels)");
            Assert.IsGreaterThan(100, inputLevel, "the input really has the streak");
            Assert.IsLessThan(stack.NoiseSigma, Math.Abs(stackLevel), "the stack does not");
        }

        Assert.IsGreaterThan(0, checkedPixels);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
