using MathNet.Numerics;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Tests.Lap;

[TestClass]
public sealed class WarpTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly (double X, double Y)[] Sources = [(20.3, 25.7), (48.5, 48.5), (70.1, 30.9), (30.6, 70.2), (66.8, 68.4)];

    private static ImageProduct WriteChip(string dir, double flux, double sigma)
    {
        var wcs = TanWcs.Create(150, 2, 96, 96, 1.0);
        var header = new FitsHeader();
        header.Set("EXPNAME", "synthetic");
        header.Set("PSFSIG", sigma);
        var chip = new LapImage(96, 96, header, wcs);
        foreach (var (x0, y0) in Sources)
        {
            for (var y = 0; y < 96; y++)
            {
                var fy = 0.5 * (SpecialFunctions.Erf((y + 0.5 - y0) / (Math.Sqrt(2) * sigma)) - SpecialFunctions.Erf((y - 0.5 - y0) / (Math.Sqrt(2) * sigma)));
                for (var x = 0; x < 96; x++)
                {
                    var fx = 0.5 * (SpecialFunctions.Erf((x + 0.5 - x0) / (Math.Sqrt(2) * sigma)) - SpecialFunctions.Erf((x - 0.5 - x0) / (Math.Sqrt(2) * sigma)));
                    chip.Data[(y * 96) + x] += (float)(flux * fx * fy);
                }
            }
        }

        Array.Fill(chip.Variance, 1f);
        var product = ImageProduct.ForBase(Path.Combine(dir, "chip"));
        chip.Write(product);
        return product;
    }

    [TestMethod]
    public void Warp_conserves_flux_within_one_percent()
    {
        var dir = TestDirs.New("warp-flux");
        const double flux = 10_000;
        var chip = WriteChip(dir, flux, 1.4);
        // Bigger pixels (1.25") and a 20° rotation: the flux is only right if the Jacobian and the WCS are both applied.
        var skycell = new Skycell("T.sc00", "T", 100, 100, TanWcs.Create(150.0005, 2.0003, 100, 100, 1.25, 20));
        var result = WarpKernel.Run(chip, [skycell], dir);

        Assert.HasCount(1, result.Warps);
        var warp = FitsFile.Read(result.Warps[0].Output.Image);
        var chipWcs = TanWcs.Create(150, 2, 96, 96, 1.0);
        var worst = 0.0;
        foreach (var (x0, y0) in Sources)
        {
            var (ra, dec) = chipWcs.PixelToSky(x0, y0);
            var (xs, ys) = skycell.Wcs.SkyToPixel(ra, dec);
            var sum = 0.0;
            for (var y = 0; y < warp.Height; y++)
            {
                for (var x = 0; x < warp.Width; x++)
                {
                    if (Math.Pow(x - xs, 2) + Math.Pow(y - ys, 2) <= 64)
                    {
                        sum += warp[x, y];
                    }
                }
            }

            var error = Math.Abs(sum - flux) / flux;
            worst = Math.Max(worst, error);
            TestContext.WriteLine($"source at chip ({x0},{y0}) -> skycell ({xs:F2},{ys:F2}): flux {sum:F1}, error {error:P3}");
        }

        TestContext.WriteLine($"worst flux error {worst:P3}");
        Assert.IsLessThan(0.01, worst);
        Assert.AreEqual(1.4 / 1.25, warp.Header.GetDouble("PSFSIG"), 1e-3, "the PSF width is carried over in output pixels");
    }

    [TestMethod]
    public void Warp_writes_only_the_skycells_the_chip_overlaps_and_masks_the_rest_as_no_data()
    {
        var dir = TestDirs.New("warp-overlap");
        var chip = WriteChip(dir, 1000, 1.4);
        var inside = new Skycell("T.sc00", "T", 64, 64, TanWcs.Create(150.01, 2.01, 64, 64, 1.0));
        var far = new Skycell("T.sc01", "T", 64, 64, TanWcs.Create(151, 2, 64, 64, 1.0));
        var result = WarpKernel.Run(chip, [inside, far], dir);

        Assert.HasCount(1, result.Warps);
        Assert.AreEqual("T.sc00", result.Warps[0].Skycell);
        Assert.IsFalse(File.Exists(Path.Combine(dir, "synthetic.T.sc01.fits")));
        // The chip covers the lower-right part of this skycell only; the rest must be NoData, not zeros passed off as sky.
        var mask = FitsFile.Read(result.Warps[0].Output.Mask);
        Assert.AreEqual((float)PixelMask.NoData, mask[0, 63]);
        Assert.AreEqual((float)PixelMask.NoData, mask[0, 0]);
        Assert.AreEqual(0f, mask[63, 0]);
        Assert.IsTrue(result.Warps[0].CoveredFraction is > 0.05 and < 0.9, $"covered {result.Warps[0].CoveredFraction}");
    }
}
