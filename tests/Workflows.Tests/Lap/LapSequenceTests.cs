using Nightshift.Durable;
using Nightshift.Workflows.Lap;

namespace Nightshift.Workflows.Tests.Lap;

[TestClass]
public sealed class LapSequenceTests
{
    [TestMethod]
    public async Task Exposures_are_processed_once_per_sequence_across_concurrent_runs()
    {
        var dir = LapFixture.NewDirectory("reuse");
        await using var host = await LapFixture.StartAsync(dir);
        var config = LapFixture.OneCell(dir) with { Cleanup = false, Runs = [new LapRunDefinition("PC000", Label: "a"), new LapRunDefinition("PC000", Label: "b")] };
        var state = await host.RunAsync(LapPipeline.Name, config, "lap-reuse", TimeSpan.FromSeconds(60));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        Assert.AreEqual(9L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_chips"));
        Assert.AreEqual(0L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_chips WHERE chip_runs <> 1"), "each chip made once for both runs");
        Assert.AreEqual(2L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_runs WHERE state = 'done'"));
    }

    [TestMethod]
    public async Task Cleaned_exposures_are_regenerated_by_a_later_run()
    {
        var dir = LapFixture.NewDirectory("regen");
        await using var host = await LapFixture.StartAsync(dir);
        var config = LapFixture.OneCell(dir) with { MaxActiveRuns = 1, Runs = [new LapRunDefinition("PC000", Label: "a"), new LapRunDefinition("PC000", Label: "b")] };
        var state = await host.RunAsync(LapPipeline.Name, config, "lap-regen", TimeSpan.FromSeconds(60));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        Assert.AreEqual(9L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_chips WHERE chip_runs = 2 AND state = 'cleaned'"), "run a's cleanup removed them, run b remade them");
        Assert.AreEqual(1L, await LapFixture.CountAsync(dir,
            "SELECT COUNT(*) FROM lap_runs a JOIN lap_runs b ON a.label = 'a' AND b.label = 'b' WHERE b.registered >= a.updated"),
            "with one active run, b starts after a is done");
    }

    [TestMethod]
    public async Task Chip_is_cleaned_only_when_inactive_in_every_run_and_the_queue_keeps_runs_active()
    {
        var dir = LapFixture.NewDirectory("clean");
        await using var host = await LapFixture.StartAsync(dir);
        var config = LapFixture.OneCell(dir) with
        {
            Runs = [new LapRunDefinition("PC000", Label: "a"), new LapRunDefinition("PC000", Label: "b"), new LapRunDefinition("PC000", Label: "c")],
            Injections = [LapFixture.Inject("diff", "o0007", 5, 1, Run: ".b")],
        };
        var id = await host.Client.StartAsync(LapPipeline.Name, config, new StartOrchestrationOptions { InstanceId = "lap-clean" });

        await LapFixture.WaitForSqlAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE lap_id LIKE '%.b' AND fault = 5", "run b waits on its faulted diff");
        await LapFixture.WaitForSqlAsync(dir, "SELECT COUNT(*) FROM lap_runs WHERE label = 'a' AND state = 'done'", "run a is done");
        // a finished while b still used every chip: nothing cleaned; the queue replaced a with c.
        Assert.AreEqual(0L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_chips WHERE state = 'cleaned'"));
        await LapFixture.WaitForSqlAsync(dir, "SELECT COUNT(*) FROM lap_runs WHERE label = 'c'", "run c started when a finished");

        await host.Client.RaiseEventAsync(LapFixture.RunId("PC000", "b"), "revert");
        var state = await host.WaitAsync(id, TimeSpan.FromSeconds(90));
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        Assert.AreEqual(9L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_chips WHERE state = 'cleaned'"), "cleaned once no run uses them");
        Assert.AreEqual(0L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE active = 1"));
    }

    [TestMethod]
    public async Task Worker_stopped_mid_run_resumes_without_reprocessing_completed_exposures()
    {
        var dir = LapFixture.NewDirectory("resume");
        var config = LapFixture.OneCell(dir);
        await using (var first = await LapFixture.StartAsync(dir))
        {
            await first.Client.StartAsync(LapPipeline.Name, config, new StartOrchestrationOptions { InstanceId = "lap-resume" });
            await LapFixture.WaitForSqlAsync(dir, "SELECT CASE WHEN COUNT(*) >= 3 THEN 1 ELSE 0 END FROM lap_chips WHERE state = 'full'", "three exposures warped");
        }

        var done = await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_chips WHERE state IN ('chip', 'full')");
        await using var second = await LapFixture.StartAsync(dir);
        var state = await second.WaitAsync("lap-resume", TimeSpan.FromSeconds(60));
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        Assert.IsGreaterThanOrEqualTo(3L, done);
        Assert.AreEqual(0L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_chips WHERE chip_runs <> 1 OR warp_runs > 1"), "no exposure processed twice");
    }
}
