using System.Numerics;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Workflows.Facet;

namespace Nightshift.Workflows.Tests.Facet;

[TestClass]
public sealed class FacetScienceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Full_run_calibrates_every_direction_to_the_truth_subtracts_to_the_noise_and_mosaics_with_5x_the_uncalibrated_dynamic_range()
    {
        var dir = FacetFixture.NewDirectory("science");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.Config(dir);
        var started = DateTime.UtcNow;
        var (state, result) = await FacetFixture.RunAsync(host, config, "facet-science");
        TestContext.WriteLine($"run took {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        Assert.AreEqual("Completed", state.Status, state.Failure);
        Assert.IsNotNull(result);
        Assert.IsNotNull(result.Mosaic);
        CollectionAssert.AreEquivalent(new[] { "facet1", "facet2", "facet3", "facet4", "facet5" }, result.Passed.ToList());

        var truth = GainTable.Read(Path.Combine(config.InputDir, FieldSimulator.TruthFile));
        var sky = SkyModelFile.Read(Path.Combine(config.InputDir, FieldSimulator.SkyModelFileName));
        foreach (var sc in result.Selfcal)
        {
            var cal = sky.Take(FacetFixture.Field.Calibrators).MinBy(s => SkyGeometry.SeparationDeg(s.RaDeg, s.DecDeg, Position(result, sc.Direction, config).Ra, Position(result, sc.Direction, config).Dec))!;
            var solved = GainTable.Read(sc.Verification.Solutions).For(sc.Direction);
            var errors = DirectionSolver.PhaseErrorsDeg(solved, truth.For(cal.Name), FacetFixture.Field.Antennas);
            var rms = Math.Sqrt(errors.Average(e => e * e));
            TestContext.WriteLine($"{sc.Direction} = {cal.Name} ({cal.FluxJy:F1} Jy): {sc.Cycles.Count - 1} cycles, DR {sc.Cycles[0].DynamicRange:F1} -> {sc.Cycles[^1].DynamicRange:F1}, {sc.StopReason}; phase rms {rms:F3} deg; residual peak {sc.Verification.PeakBefore:F3} -> {sc.Verification.PeakAfter:F3}");
            Assert.IsLessThanOrEqualTo(2.0, rms, sc.Direction);
        }

        var residual = FacetWorkspace.Load(config.WorkingDir);
        var ratio = Rms(residual.Data) / FacetFixture.Field.NoiseSigmaJy;
        TestContext.WriteLine($"residual rms / noise = {ratio:F4}");
        Assert.IsLessThanOrEqualTo(1.2, ratio);

        // The uncalibrated mosaic: the same facets imaged from the input data with nothing subtracted or applied.
        var original = Visibilities.Read(Path.Combine(config.InputDir, FieldSimulator.DataFile));
        var directions = result.Images.Select(i => i.Direction).ToList();
        var all = DirectionsFile.Read(Path.Combine(config.WorkingDir, DirectionsFile.DefaultName));
        var layout = new FacetLayout(all, original.RaDeg, original.DecDeg, config.Settings.FacetingRadiusDeg);
        var beam = new PrimaryBeam(config.Settings.BeamFwhmDeg);
        var models = DirectionSolver.Models(original, layout, sky, beam);
        var uncalibrated = new Dictionary<string, FitsImage>(StringComparer.Ordinal);
        for (var d = 0; d < all.Count; d++)
        {
            if (layout.IsFacet[d])
            {
                uncalibrated[all[d].Name] = FacetImager.Image(original, layout, models, null, d, config.Settings.ImageSize, config.Settings.CellArcsec);
            }
        }

        var before = ImageStatistics.Compute(Mosaic.Build(layout, uncalibrated, beam, config.Settings.MosaicSize, config.Settings.CellArcsec).Pixels);
        var after = ImageStatistics.Compute(FitsFile.Read(result.Mosaic.Image).Pixels);
        TestContext.WriteLine($"mosaic DR {before.DynamicRange:F1} uncalibrated -> {after.DynamicRange:F1} calibrated (x{after.DynamicRange / before.DynamicRange:F1})");
        Assert.IsGreaterThanOrEqualTo(5.0, after.DynamicRange / before.DynamicRange);
    }

    private static (double Ra, double Dec) Position(FacetRunResult result, string direction, FacetConfig config)
    {
        var d = DirectionsFile.Read(Path.Combine(config.WorkingDir, DirectionsFile.DefaultName)).First(x => x.Name == direction);
        return (d.RaDeg, d.DecDeg);
    }

    internal static double Rms(Complex[] data) => Math.Sqrt(data.Average(v => (v.Real * v.Real) + (v.Imaginary * v.Imaginary)) / 2);
}
