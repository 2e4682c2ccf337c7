using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Workflows.Tests.Facet;

[TestClass]
public sealed class FacetOutlierTests
{
    [TestMethod]
    public async Task An_outlier_is_peeled_before_the_first_group_and_is_neither_imaged_nor_in_the_mosaic()
    {
        var dir = FacetFixture.NewDirectory("outlier");
        var config = FacetFixture.SmallConfig(dir);
        var field = FieldSimulator.Run(FacetFixture.SmallField, config.InputDir);
        var directions = DirectionSelector.Select(field.Sky, field.Data.RaDeg, field.Data.DecDeg, field.Beam).ToList();
        directions[2] = directions[2] with { OutlierSource = true };
        Directory.CreateDirectory(config.WorkingDir);
        DirectionsFile.Write(Path.Combine(config.WorkingDir, DirectionsFile.DefaultName), directions);

        await using var host = await FacetFixture.StartAsync(dir);
        var (state, result) = await FacetFixture.RunAsync(host, config, "outlier");

        Assert.AreEqual("Completed", state.Status, state.Failure);
        var outlier = directions[2].Name;
        var steps = (await FacetFixture.StepsAsync(host, config)).Where(s => !s.Key.Contains("/cycle", StringComparison.Ordinal)).ToList();
        var peel = steps.Single(s => s.Key == $"{outlier}/outlierpeel");
        var peelSub = steps.Single(s => s.Key == $"{outlier}/outlierpeel/sub");
        var firstSelfcal = steps.Where(s => s.Key.EndsWith("/facetselfcal", StringComparison.Ordinal)).Min(s => s.StartedAt);
        Assert.IsLessThan(firstSelfcal, peelSub.CompletedAt!.Value, "the outlier is subtracted before the first group starts");
        Assert.IsTrue(result!.Passed.Contains(outlier));
        Assert.AreEqual(2, result.Groups, "outliers are not in the selfcal groups");
        Assert.IsFalse(steps.Any(s => s.Key == $"{outlier}/facetimage"));
        Assert.IsFalse(result.Images.Any(i => i.Direction == outlier));
        Assert.IsNotNull(result.Mosaic);
        Assert.IsNotNull(peel.Result);
    }
}
