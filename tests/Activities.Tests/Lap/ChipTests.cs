using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Tests.Lap;

[TestClass]
public sealed class ChipTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Chip_bad_fraction_flags_the_bad_exposures_above_5_percent()
    {
        var demo = LapDemo.Instance;
        var bad = 0;
        foreach (var exposure in demo.Manifest.Exposures.Where(e => demo.Chips.ContainsKey(e.Name)))
        {
            var chip = demo.Chips[exposure.Name];
            TestContext.WriteLine($"{exposure.Name} bad={exposure.IsBad}: bad fraction {chip.BadFraction:P2} (dead {chip.DeadPixels}, hot {chip.HotPixels}, saturated {chip.SaturatedPixels})");
            Assert.AreEqual(exposure.IsBad, chip.BadFraction > 0.05, exposure.Name);
            Assert.AreEqual(chip.BadFraction, FitsFile.Read(chip.Output.Image).Header.GetDouble("BADFRAC"), 1e-12);
            bad += exposure.IsBad ? 1 : 0;
        }

        Assert.AreEqual(demo.Manifest.Config.BadPerCell * demo.Manifest.Config.ProjectionCellCount, bad);
    }

    [TestMethod]
    public void Chip_masks_the_saturated_star_and_measures_the_psf()
    {
        var demo = LapDemo.Instance;
        var measured = 0;
        foreach (var exposure in demo.Good)
        {
            var chip = demo.Chips[exposure.Name];
            Assert.IsGreaterThan(0, chip.SaturatedPixels, $"{exposure.Name} contains a saturated star");
            if (double.IsFinite(chip.PsfSigma))
            {
                measured++;
                Assert.AreEqual(exposure.PsfSigma, chip.PsfSigma, 0.06 * exposure.PsfSigma, $"{exposure.Name} PSF");
            }
        }

        TestContext.WriteLine($"PSF measured in {measured} of {demo.Good.Count} chips");
        Assert.IsGreaterThanOrEqualTo(demo.Good.Count / 2, measured);
    }

    [TestMethod]
    public void Chip_rejects_a_flat_of_the_wrong_size_naming_the_file()
    {
        var demo = LapDemo.Instance;
        var dir = TestDirs.New("chip-flat");
        var flatPath = Path.Combine(dir, "small-flat.fits");
        FitsFile.Write(flatPath, new FitsImage(16, 16));
        var raw = demo.Manifest.Resolve(demo.Manifest.Exposures[0].RawPath);
        var ex = Assert.ThrowsExactly<FitsFormatException>(() =>
            ChipKernel.Run(raw, demo.Manifest.Resolve(demo.Manifest.BiasPath), flatPath, Path.Combine(dir, "out")));
        StringAssert.Contains(ex.Message, "small-flat.fits");
        Assert.IsFalse(File.Exists(Path.Combine(dir, "out.fits")));
    }
}
