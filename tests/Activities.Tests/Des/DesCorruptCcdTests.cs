using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Des;

namespace Nightshift.Activities.Tests.Des;

[TestClass]
public sealed class DesCorruptCcdTests
{
    [TestMethod]
    public void Corrupt_raw_ccd_fails_detrend_with_an_error_naming_the_file()
    {
        var f = DesNightFixture.Instance;
        var raw = f.Night.Raw(f.Search.ExpNum, 17);
        Assert.AreEqual("corrupt", f.Truth(f.Search.ExpNum, 17).Status);
        var failure = f.Failures[(f.Search.ExpNum, 17)];
        Assert.IsInstanceOfType<FitsFormatException>(failure);
        Assert.Contains(raw, failure.Message);
        Assert.Contains("truncated", failure.Message);
        // The same CCD of the template exposure is intact and was processed.
        Assert.IsTrue(f.Processed.ContainsKey((f.Template.ExpNum, 17)));
    }

    [TestMethod]
    public async Task Corrupt_raw_ccd_makes_the_des_detrend_command_exit_1_naming_the_file()
    {
        var f = DesNightFixture.Instance;
        var raw = f.Night.Raw(f.Search.ExpNum, 17);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await KernelRegistry.CreateDefault().RunAsync("des-detrend",
            ["--raw", raw, "--bias", f.Night.Bias(17), "--flat", f.Night.Flat(17), "--bpm", f.Night.BadPixelMask(17), "--output", Path.Combine(f.Directory, "cli", "c17")],
            stdout, stderr);
        Assert.AreEqual(1, code);
        Assert.Contains(raw, stderr.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(f.Directory, "cli", "c17.fits")));
    }

    [TestMethod]
    public async Task Des_kernels_run_on_files_from_the_command_line()
    {
        var f = DesNightFixture.Instance;
        var p = new DesCcdProducts(Path.Combine(f.Directory, "cli"), f.Template.ExpNum, 28);
        var registry = KernelRegistry.CreateDefault();
        async Task Run(string name, params string[] args)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = await registry.RunAsync(name, args, stdout, stderr);
            Assert.AreEqual(0, code, $"{name}: {stderr}");
        }

        var detrended = p.Detrended.Image[..^".fits".Length];
        await Run("des-detrend", "--raw", f.Night.Raw(f.Template.ExpNum, 28), "--bias", f.Night.Bias(28), "--flat", f.Night.Flat(28), "--bpm", f.Night.BadPixelMask(28), "--output", detrended);
        await Run("des-extract", "--image", p.Detrended.Image, "--output", p.Sources);
        await Run("des-astrometry", "--image", p.Detrended.Image, "--sources", p.Sources, "--reference", f.Night.ReferenceCatalog, "--output", p.AstrometryCatalog, "--solution", p.Astrometry);
        await Run("des-sky", "--image", p.Detrended.Image, "--sources", p.AstrometryCatalog, "--solution", p.Astrometry, "--output", p.Sky.Image[..^".fits".Length]);
        await Run("des-psf", "--image", p.Sky.Image, "--sources", p.AstrometryCatalog, "--output", p.Psf);
        await Run("des-catalog", "--image", p.Sky.Image, "--sources", p.AstrometryCatalog, "--psf", p.Psf, "--output", p.Catalog);
        await Run("des-calibrate", "--catalog", p.Catalog, "--output", p.Calibration);

        // The command line and the in-process chain give the same catalogue and zero point.
        var inProcess = f.Processed[(f.Template.ExpNum, 28)];
        Assert.AreEqual(File.ReadAllText(inProcess.Products.Catalog), File.ReadAllText(p.Catalog));
        Assert.AreEqual(inProcess.Calibration.ZeroPoint, CalibrationKernel.ReadCalibration(p.Calibration).ZeroPoint);
    }
}
