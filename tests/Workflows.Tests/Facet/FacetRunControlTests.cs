using Nightshift.Activities.Facet;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Workflows.Facet;

namespace Nightshift.Workflows.Tests.Facet;

[TestClass]
public sealed class FacetRunControlTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Stop_after_one_group_then_a_later_run_continues_from_group_2_and_skips_group_1()
    {
        var dir = FacetFixture.NewDirectory("stop");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir);

        var (first, stopped) = await FacetFixture.RunAsync(host, config with { StopAfterGroups = 1 }, "stop-1");
        Assert.AreEqual("Completed", first.Status, first.Failure);
        Assert.IsTrue(stopped!.Stopped);
        Assert.AreEqual(1, stopped.GroupsDone);
        Assert.AreEqual(3, stopped.Groups);
        StringAssert.Contains(first.CustomStatus, "continue from group 2");
        var afterFirst = await FacetFixture.StepsAsync(host, config);
        CollectionAssert.AreEquivalent(new[] { "facet1" }, afterFirst.Where(s => s.Key.EndsWith("/facetselfcal", StringComparison.Ordinal)).Select(s => s.Key.Split('/')[0]).ToList());
        Assert.IsFalse(afterFirst.Any(s => s.Key.EndsWith("/facetimage", StringComparison.Ordinal)), "no imaging before the last group");

        var (second, done) = await FacetFixture.RunAsync(host, config, "stop-2");
        Assert.AreEqual("Completed", second.Status, second.Failure);
        Assert.IsFalse(done!.Stopped);
        Assert.AreEqual(3, done.GroupsDone);
        Assert.IsNotNull(done.Mosaic);
        var steps = await FacetFixture.StepsAsync(host, config);
        foreach (var kept in afterFirst)
        {
            var now = steps.Single(s => s.Key == kept.Key);
            Assert.AreEqual(kept.InstanceId, now.InstanceId, $"{kept.Key} was skipped, not redone");
            StringAssert.StartsWith(now.InstanceId, "stop-1");
            Assert.AreEqual(kept.CompletedAt, now.CompletedAt, kept.Key);
        }

        Assert.AreEqual("stop-2", steps.Single(s => s.Key == "facet2/facetselfcal").InstanceId);
        Assert.AreEqual("stop-2", steps.Single(s => s.Key == "field/fieldmosaic").InstanceId);
    }

    [TestMethod]
    public async Task A_worker_stopped_in_the_middle_of_selfcal_leaves_a_run_that_a_new_worker_finishes_with_each_model_subtracted_once()
    {
        var dir = FacetFixture.NewDirectory("crash");
        var config = FacetFixture.SmallConfig(dir);
        var host = await FacetFixture.StartAsync(dir);
        await host.Client.StartAsync(FacetPipeline.Name, config, new Durable.StartOrchestrationOptions { InstanceId = "crash" });
        await FacetFixture.WaitForAsync(async () => (await FacetFixture.StepsAsync(host, config)).Any(s => s.Key == "facet2/facetselfcal/cycle01" && s.Status == StepStatus.Completed),
            "facet2's selfcal is under way");
        var interrupted = (await FacetFixture.StepsAsync(host, config)).Count;
        await host.DisposeAsync();

        await using var second = await FacetFixture.StartAsync(dir);
        var final = await second.WaitAsync("crash", FacetFixture.RunTimeout);

        Assert.AreEqual(Durable.OrchestrationStatus.Completed, final.Status, final.Failure?.Summary);
        var steps = await FacetFixture.StepsAsync(second, config);
        Assert.IsTrue(steps.All(s => s.Status == StepStatus.Completed), string.Join(", ", steps.Where(s => s.Status != StepStatus.Completed).Select(s => s.Key)));
        CollectionAssert.AreEquivalent(new[] { "facet1", "facet2", "facet3" }, FacetWorkspace.ReadJournal(config.WorkingDir).Keys.ToList(), "each model subtracted once");
        var residual = FacetScienceTests.Rms(FacetWorkspace.Load(config.WorkingDir).Data) / FacetFixture.SmallField.NoiseSigmaJy;
        TestContext.WriteLine($"residual rms / noise after the interrupted run: {residual:F4} ({interrupted} steps listed before the restart)");
        Assert.IsLessThanOrEqualTo(1.2, residual);
    }

    [TestMethod]
    public async Task Running_the_same_configuration_again_skips_every_completed_operation()
    {
        var dir = FacetFixture.NewDirectory("again");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir);
        var (first, _) = await FacetFixture.RunAsync(host, config, "again-1");
        Assert.AreEqual("Completed", first.Status, first.Failure);
        var before = await FacetFixture.StepsAsync(host, config);
        var chunks = FacetWorkspace.ChunkFiles(config.WorkingDir).Select(FacetWorkspace.Checksum).ToList();

        var (second, result) = await FacetFixture.RunAsync(host, config, "again-2");
        Assert.AreEqual("Completed", second.Status, second.Failure);
        Assert.IsNotNull(result!.Mosaic);
        var after = await FacetFixture.StepsAsync(host, config);
        Assert.HasCount(before.Count, after);
        Assert.IsTrue(after.All(s => s.InstanceId != "again-2"), "nothing was redone: " + string.Join(", ", after.Where(s => s.InstanceId == "again-2").Select(s => s.Key)));
        CollectionAssert.AreEqual(chunks, FacetWorkspace.ChunkFiles(config.WorkingDir).Select(FacetWorkspace.Checksum).ToList(), "no model subtracted twice");
    }

    [TestMethod]
    public async Task A_changed_parset_setting_redoes_selfcal_and_each_model_stays_subtracted_exactly_once()
    {
        var dir = FacetFixture.NewDirectory("changed");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir);
        var (first, _) = await FacetFixture.RunAsync(host, config, "changed-1");
        Assert.AreEqual("Completed", first.Status, first.Failure);
        var residualBefore = FacetScienceTests.Rms(FacetWorkspace.Load(config.WorkingDir).Data);

        var (second, result) = await FacetFixture.RunAsync(host, config with { MaxSelfcalLoops = config.MaxSelfcalLoops + 1 }, "changed-2");

        Assert.AreEqual("Completed", second.Status, second.Failure);
        Assert.HasCount(3, result!.Passed);
        var steps = await FacetFixture.StepsAsync(host, config);
        Assert.IsTrue(steps.Where(s => s.Key.EndsWith("/facetselfcal", StringComparison.Ordinal)).All(s => s.InstanceId == "changed-2"), "the new setting is picked up");
        var residual = FacetScienceTests.Rms(FacetWorkspace.Load(config.WorkingDir).Data);
        TestContext.WriteLine($"residual rms {residualBefore:F4} -> {residual:F4} Jy (noise {FacetFixture.SmallField.NoiseSigmaJy} Jy)");
        Assert.IsLessThanOrEqualTo(1.2, residual / FacetFixture.SmallField.NoiseSigmaJy, "no model is missing from or subtracted twice in the data");
    }

    [TestMethod]
    public async Task Interactive_run_pauses_after_choosing_directions_and_uses_the_edited_file_on_resume()
    {
        var dir = FacetFixture.NewDirectory("interactive");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir) with { Interactive = true };
        var id = await host.Client.StartAsync(FacetPipeline.Name, config, new Durable.StartOrchestrationOptions { InstanceId = "interactive" });
        await Support.TestHost.WaitUntilAsync(async () => (await host.Client.GetAsync(id))?.ReadCustomStatusAs<FacetStatus>()?.WaitingFor == FacetPipeline.ContinueEvent,
            "the run waits for 'continue'", FacetFixture.RunTimeout);
        var status = (await host.Client.GetAsync(id))!.ReadCustomStatusAs<FacetStatus>()!;
        TestContext.WriteLine(status.Reason);
        StringAssert.Contains(status.Reason, "interactive = True");
        StringAssert.Contains(status.Reason, DirectionsFile.DefaultName);
        Assert.IsFalse((await FacetFixture.StepsAsync(host, config)).Any(s => s.Key.StartsWith("facet", StringComparison.Ordinal)), "no direction work before the operator continues");

        // The operator renames the first direction (removing one would leave its calibrator unmodelled).
        var file = Path.Combine(config.WorkingDir, DirectionsFile.DefaultName);
        var chosen = DirectionsFile.Read(file);
        Assert.HasCount(3, chosen);
        DirectionsFile.Write(file, [chosen[0] with { Name = "bright" }, chosen[1], chosen[2]]);
        await host.Client.RaiseEventAsync(id, FacetPipeline.ContinueEvent);

        var final = await host.WaitAsync(id, FacetFixture.RunTimeout);
        Assert.AreEqual(Durable.OrchestrationStatus.Completed, final.Status, final.Failure?.Summary);
        var result = final.ReadOutputAs<FacetRunResult>()!;
        CollectionAssert.AreEquivalent(new[] { "bright", chosen[1].Name, chosen[2].Name }, result.Passed.ToList());
        var keys = (await FacetFixture.StepsAsync(host, config)).Select(s => s.Key).ToList();
        Assert.IsTrue(keys.Contains("bright/facetselfcal"), "the edited name was used");
        Assert.IsFalse(keys.Any(k => k.StartsWith(chosen[0].Name + "/", StringComparison.Ordinal)), "the old name was not processed");
    }

    [TestMethod]
    public async Task A_changed_facet_layout_is_refused_with_a_message_naming_the_change()
    {
        var dir = FacetFixture.NewDirectory("layout");
        await using var host = await FacetFixture.StartAsync(dir);
        var config = FacetFixture.SmallConfig(dir);
        var (first, _) = await FacetFixture.RunAsync(host, config with { StopAfterGroups = 1 }, "layout-1");
        Assert.AreEqual("Completed", first.Status, first.Failure);
        var file = Path.Combine(config.WorkingDir, DirectionsFile.DefaultName);
        var chosen = DirectionsFile.Read(file);
        DirectionsFile.Write(file, [chosen[0], chosen[1] with { RaDeg = chosen[1].RaDeg + 0.2 }, chosen[2]]);
        var stepsBefore = await FacetFixture.StepsAsync(host, config);

        var (second, _) = await FacetFixture.RunAsync(host, config, "layout-2");
        TestContext.WriteLine(second.Failure);
        Assert.AreEqual("Failed", second.Status);
        StringAssert.Contains(second.Failure, "facet layout");
        StringAssert.Contains(second.Failure, $"{chosen[1].Name} moved");
        var stepsAfter = await FacetFixture.StepsAsync(host, config);
        CollectionAssert.AreEquivalent(stepsBefore.Select(s => (s.Key, s.InputHash, s.Status)).ToList(), stepsAfter.Select(s => (s.Key, s.InputHash, s.Status)).ToList(), "the ledger is unchanged");
    }
}
