using Nightshift.Activities.Kernels.Facet;
using Nightshift.Workflows.Facet;

namespace Nightshift.Workflows.Tests.Facet;

[TestClass]
public sealed class FacetSelfcalFailureTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_direction_whose_calibrator_is_missing_from_the_model_fails_verification_stops_the_run_and_with_exit_off_is_imaged_with_its_neighbours_solutions()
    {
        var dir = FacetFixture.NewDirectory("failure");
        var config = FacetFixture.SmallConfig(dir);
        // The operator's sky model lacks one calibrator: its direction's model holds only faint sources, so the
        // calibrator stays in the data after subtraction and verification must catch it.
        var field = FieldSimulator.Run(FacetFixture.SmallField, config.InputDir);
        var directions = DirectionSelector.Select(field.Sky, field.Data.RaDeg, field.Data.DecDeg, field.Beam);
        Directory.CreateDirectory(config.WorkingDir);
        DirectionsFile.Write(Path.Combine(config.WorkingDir, DirectionsFile.DefaultName), directions);
        var broken = directions[1];
        var missing = field.Sky.MinBy(s => FacetGeometrySeparation(s, broken))!;
        SkyModelFile.Write(Path.Combine(config.InputDir, FieldSimulator.SkyModelFileName), field.Sky.Where(s => s != missing));
        TestContext.WriteLine($"{broken.Name}: calibrator {missing.Name} ({missing.FluxJy:F1} Jy) removed from the sky model");

        await using var host = await FacetFixture.StartAsync(dir);
        var (stopped, _) = await FacetFixture.RunAsync(host, config, "failure-on");
        TestContext.WriteLine(stopped.Failure);
        Assert.AreEqual("Failed", stopped.Status);
        StringAssert.Contains(stopped.Failure, $"selfcal of {broken.Name} failed verification");
        StringAssert.Contains(stopped.Failure, "exit_on_selfcal_failure");
        var steps = await FacetFixture.StepsAsync(host, config);
        Assert.IsFalse(steps.Any(s => s.Key == $"{broken.Name}/facetsub"), "a failed direction is not subtracted");
        Assert.IsFalse(steps.Any(s => s.Key.StartsWith(directions[2].Name + "/", StringComparison.Ordinal)), "the run stopped before the next group");

        var (completed, result) = await FacetFixture.RunAsync(host, config with { ExitOnSelfcalFailure = false }, "failure-off");
        Assert.AreEqual("Completed", completed.Status, completed.Failure);
        foreach (var sc in result!.Selfcal)
        {
            TestContext.WriteLine($"{sc.Direction}: peak residual {sc.Verification.PeakBefore:F3} -> {sc.Verification.PeakAfter:F3} Jy/beam, passed {sc.Passed}");
        }

        CollectionAssert.Contains(result.Failed.ToList(), broken.Name);
        CollectionAssert.Contains(result.Passed.ToList(), directions[0].Name);
        Assert.IsFalse((await FacetFixture.StepsAsync(host, config)).Any(s => s.Key == $"{broken.Name}/facetsub"));
        StringAssert.StartsWith((await FacetFixture.StepsAsync(host, config)).Single(s => s.Key == $"{broken.Name}/facetselfcal").InstanceId, "failure-on", "the verdict is reused, not recomputed");
        var image = result.Images.SingleOrDefault(i => i.Direction == broken.Name);
        if (image is not null)
        {
            var passing = result.Passed.Select(n => directions.First(d => d.Name == n)).MinBy(d => FacetGeometrySeparation(new SkySource(d.Name, d.RaDeg, d.DecDeg, 0), broken))!;
            TestContext.WriteLine($"{broken.Name} imaged with the solutions of {image.SolutionsFrom}");
            Assert.AreEqual(passing.Name, image.SolutionsFrom);
        }

        Assert.IsNotNull(result.Mosaic);
    }

    private static double FacetGeometrySeparation(SkySource s, Direction d)
    {
        var r = Math.PI / 180;
        var cos = (Math.Sin(s.DecDeg * r) * Math.Sin(d.DecDeg * r)) + (Math.Cos(s.DecDeg * r) * Math.Cos(d.DecDeg * r) * Math.Cos((s.RaDeg - d.RaDeg) * r));
        return Math.Acos(Math.Clamp(cos, -1, 1)) / r;
    }
}
