using System.Numerics;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Workflows.Facet;

namespace Nightshift.Workflows.Tests.Facet;

[TestClass]
public sealed class FacetResetTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Reset_of_facetimage_keeps_selfcal_and_other_directions_untouched()
    {
        var dir = FacetFixture.NewDirectory("reset-image");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir);
        var (first, result) = await FacetFixture.RunAsync(host, config, "image-1");
        Assert.AreEqual("Completed", first.Status, first.Failure);
        var target = result!.Images[0].Direction;
        var before = await FacetFixture.StepsAsync(host, config);
        var files = Files(config.WorkingDir);

        var reset = await host.RunAsync(StepActivityNames.Reset, new StepSelection(config.Scope, FacetKeys.ResetSelectors([target], [FacetKeys.FacetImage])));
        Assert.AreEqual(Durable.OrchestrationStatus.Completed, reset.Status, reset.Failure?.Summary);
        CollectionAssert.AreEqual(new[] { $"{target}/facetimage" }, reset.ReadOutputAs<StepResetResult>()!.Deleted.ToList());

        var after = await FacetFixture.StepsAsync(host, config);
        Assert.IsFalse(after.Any(s => s.Key == $"{target}/facetimage"));
        foreach (var step in before.Where(s => s.Key != $"{target}/facetimage"))
        {
            var kept = after.Single(s => s.Key == step.Key);
            Assert.AreEqual((step.InstanceId, step.InputHash, step.CompletedAt), (kept.InstanceId, kept.InputHash, kept.CompletedAt), step.Key);
        }

        var imageDir = FacetWorkspace.ResultsDirectory(config.WorkingDir, FacetKeys.FacetImage, target);
        Assert.IsFalse(Directory.Exists(imageDir), "the facet image was deleted");
        foreach (var (path, checksum) in files.Where(f => !f.Key.StartsWith(imageDir, StringComparison.Ordinal)))
        {
            Assert.AreEqual(checksum, FacetWorkspace.Checksum(path), $"{path} untouched");
        }

        // The next run redoes only that image (bit-identical), so the mosaic, whose input is the images' checksums, is kept.
        var (second, _) = await FacetFixture.RunAsync(host, config, "image-2");
        Assert.AreEqual("Completed", second.Status, second.Failure);
        var redone = (await FacetFixture.StepsAsync(host, config)).Where(s => s.InstanceId.StartsWith("image-2", StringComparison.Ordinal)).Select(s => s.Key).ToList();
        CollectionAssert.AreEqual(new[] { $"{target}/facetimage" }, redone);
        Assert.AreEqual(files[Path.Combine(imageDir, $"{target}.fits")], FacetWorkspace.Checksum(Path.Combine(imageDir, $"{target}.fits")));
    }

    [TestMethod]
    public async Task Reset_of_facetsub_adds_the_model_back_and_restores_the_data()
    {
        var dir = FacetFixture.NewDirectory("reset-sub");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir);
        var (first, _) = await FacetFixture.RunAsync(host, config with { StopAfterGroups = 1 }, "sub-1");
        Assert.AreEqual("Completed", first.Status, first.Failure);

        var original = Visibilities.Read(Path.Combine(config.InputDir, FieldSimulator.DataFile));
        var subtracted = FacetWorkspace.Load(config.WorkingDir);
        var scale = original.Data.Max(v => v.Magnitude);
        TestContext.WriteLine($"after facetsub of facet1: max |data - input| = {MaxDifference(subtracted.Data, original.Data):F3} Jy (max |V| {scale:F1})");
        Assert.IsGreaterThan(1.0, MaxDifference(subtracted.Data, original.Data), "facet1 was subtracted");

        var reset = await host.RunAsync(StepActivityNames.Reset, new StepSelection(config.Scope, FacetKeys.ResetSelectors(["facet1"], [FacetKeys.FacetSub])));
        Assert.AreEqual(Durable.OrchestrationStatus.Completed, reset.Status, reset.Failure?.Summary);
        CollectionAssert.AreEqual(new[] { "facet1/facetsub" }, reset.ReadOutputAs<StepResetResult>()!.Undone.ToList());

        var restored = FacetWorkspace.Load(config.WorkingDir);
        var error = MaxDifference(restored.Data, original.Data);
        TestContext.WriteLine($"after the reset: max |data - input| = {error:E2}");
        Assert.IsLessThan(1e-5 * scale, error, "the model was added back to float precision");
        var steps = await FacetFixture.StepsAsync(host, config);
        Assert.IsTrue(steps.Any(s => s.Key == "facet1/facetselfcal" && s.Status == StepStatus.Completed), "selfcal is kept");
        Assert.IsFalse(steps.Any(s => s.Key == "facet1/facetsub"));
        Assert.IsFalse(File.Exists(Path.Combine(FacetWorkspace.ResultsDirectory(config.WorkingDir, FacetKeys.FacetSub, "facet1"), "subtracted_model.vis")));

        // A later run subtracts it again, once.
        var (second, _) = await FacetFixture.RunAsync(host, config with { StopAfterGroups = 1 }, "sub-2");
        Assert.AreEqual("Completed", second.Status, second.Failure);
        Assert.AreEqual(0.0, MaxDifference(FacetWorkspace.Load(config.WorkingDir).Data, subtracted.Data), 1e-5 * scale);
    }

    [TestMethod]
    public async Task A_second_delivery_of_a_subtraction_or_an_add_back_changes_nothing()
    {
        var dir = FacetFixture.NewDirectory("redelivery");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir);
        var (first, _) = await FacetFixture.RunAsync(host, config with { StopAfterGroups = 1 }, "redelivery-1");
        Assert.AreEqual("Completed", first.Status, first.Failure);
        var sub = (await FacetFixture.StepsAsync(host, config)).Single(s => s.Key == "facet1/facetsub");
        var subtracted = FacetWorkspace.Load(config.WorkingDir).Data;

        // The recorded subtraction's input, delivered again twice: the journal says it is done.
        var selfcal = Durable.DurableJson.Deserialize<SelfcalResult>((await FacetFixture.StepsAsync(host, config)).Single(s => s.Key == "facet1/facetselfcal").Result)!;
        var input = new SubtractInput(config.WorkingDir, config.InputDir, "facet1", DirectionsOf(config), selfcal.Verification.Solutions, selfcal.Verification.SolutionsChecksum, config.Settings);
        var again = await host.RunAsync(nameof(CallTwice), new CallTwiceInput(FacetActivityNames.Subtract, Durable.DurableJson.Serialize(input)!), "redeliver-sub");
        Assert.AreEqual(Durable.OrchestrationStatus.Completed, again.Status, again.Failure?.Summary);
        Assert.AreEqual(0.0, MaxDifference(FacetWorkspace.Load(config.WorkingDir).Data, subtracted), "not subtracted again");

        // The undo delivered twice adds the model back once.
        var undo = sub.Undo!;
        var addBack = await host.RunAsync(nameof(CallTwice), new CallTwiceInput(undo.Activity, undo.Input!), "redeliver-addback");
        Assert.AreEqual(Durable.OrchestrationStatus.Completed, addBack.Status, addBack.Failure?.Summary);
        var original = Visibilities.Read(Path.Combine(config.InputDir, FieldSimulator.DataFile));
        Assert.IsLessThan(1e-5 * original.Data.Max(v => v.Magnitude), MaxDifference(FacetWorkspace.Load(config.WorkingDir).Data, original.Data), "added back exactly once");
    }

    private static IReadOnlyList<FacetDirection> DirectionsOf(FacetConfig config)
    {
        var vis = Visibilities.Read(FacetWorkspace.ChunkFiles(config.WorkingDir)[0]);
        return FacetPlan.Directions(new ChooseDirectionsInput(config.WorkingDir, config.InputDir, null, config.Selection, config.Settings), vis.RaDeg, vis.DecDeg, write: false).Directions;
    }

    [TestMethod]
    public async Task A_reset_sent_to_a_running_instance_is_applied_at_its_next_safe_point_and_redone()
    {
        var dir = FacetFixture.NewDirectory("reset-running");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir);
        var (first, _) = await FacetFixture.RunAsync(host, config with { StopAfterGroups = 1 }, "running-1");
        Assert.AreEqual("Completed", first.Status, first.Failure);
        var original = Visibilities.Read(Path.Combine(config.InputDir, FieldSimulator.DataFile));
        var scale = original.Data.Max(v => v.Magnitude);

        // The second run pauses (interactive) before any direction work: a safe point at which it is surely still running.
        var id = await host.Client.StartAsync(FacetPipeline.Name, config with { Interactive = true }, new Durable.StartOrchestrationOptions { InstanceId = "running-2" });
        await WaitForPauseAsync(host, id);
        await host.Client.RaiseEventAsync(id, FacetPipeline.ResetEvent, new FacetResetRequest(FacetKeys.ResetSelectors(["facet1"], null)));

        // Applied: a new execution pauses again, with facet1's steps gone and its subtraction undone.
        await FacetFixture.WaitForAsync(async () => !(await FacetFixture.StepsAsync(host, config)).Any(s => s.Key.StartsWith("facet1/", StringComparison.Ordinal))
            && (await host.Client.GetAsync(id))?.ReadCustomStatusAs<FacetStatus>()?.WaitingFor == FacetPipeline.ContinueEvent, "the reset is applied and the run pauses again");
        Assert.IsLessThan(1e-5 * scale, MaxDifference(FacetWorkspace.Load(config.WorkingDir).Data, original.Data), "facet1's model was added back");

        await host.Client.RaiseEventAsync(id, FacetPipeline.ContinueEvent);
        var final = await host.WaitAsync(id, FacetFixture.RunTimeout);
        Assert.AreEqual(Durable.OrchestrationStatus.Completed, final.Status, final.Failure?.Summary);
        var steps = await FacetFixture.StepsAsync(host, config);
        StringAssert.StartsWith(steps.Single(s => s.Key == "facet1/facetselfcal").InstanceId, "running-2", "facet1 was redone by the running instance");
        Assert.IsNotNull(final.ReadOutputAs<FacetRunResult>()!.Mosaic);
    }

    private static Task WaitForPauseAsync(Support.TestHost host, string id) =>
        FacetFixture.WaitForAsync(async () => (await host.Client.GetAsync(id))?.ReadCustomStatusAs<FacetStatus>()?.WaitingFor == FacetPipeline.ContinueEvent, "the run pauses for 'continue'");

    private static Dictionary<string, string> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => f, FacetWorkspace.Checksum, StringComparer.Ordinal);

    private static double MaxDifference(Complex[] a, Complex[] b) => a.Zip(b, (x, y) => (x - y).Magnitude).Max();
}
