using Nightshift.Durable;
using Nightshift.Workflows.Lap;

namespace Nightshift.Workflows.Tests.Lap;

[TestClass]
public sealed class LapFaultTests
{
    [TestMethod]
    public async Task Data_fault_waits_for_an_operator_revert_then_the_run_finishes()
    {
        var dir = LapFixture.NewDirectory("revert");
        await using var host = await LapFixture.StartAsync(dir);
        var config = LapFixture.OneCell(dir) with { Injections = [LapFixture.Inject("chip", "o0004", 5, 1)] };
        var id = await host.Client.StartAsync(LapPipeline.Name, config, new StartOrchestrationOptions { InstanceId = "lap-revert" });

        await LapFixture.WaitForSqlAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE exp_name = 'o0004' AND fault = 5", "o0004 shows fault 5");
        Assert.AreEqual(5L, await LapFixture.CountAsync(dir, "SELECT fault FROM lap_runs"));
        await Support.TestHost.WaitUntilAsync(
            async () => (await host.Client.GetAsync(LapFixture.RunId("PC000")))?.CustomStatus?.Contains("fault 5", StringComparison.Ordinal) == true,
            "the run's status names the fault it waits on");

        await host.Client.RaiseEventAsync(LapFixture.RunId("PC000"), "revert", 5);
        var state = await host.WaitAsync(id, TimeSpan.FromSeconds(60));
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        Assert.AreEqual(2L, await LapFixture.CountAsync(dir, "SELECT hits FROM lap_injections WHERE target = 'o0004'"));
        Assert.AreEqual(0L, await LapFixture.CountAsync(dir, "SELECT fault FROM lap_runs"));
        Assert.AreEqual("done", (string?)await Support.Sql.ScalarAsync(Path.Combine(dir, "nightshift.db"), "SELECT state FROM lap_runs"));
    }

    [TestMethod]
    public async Task System_fault_is_retried_automatically_without_an_operator()
    {
        var dir = LapFixture.NewDirectory("system");
        await using var host = await LapFixture.StartAsync(dir);
        var config = LapFixture.OneCell(dir) with { Injections = [LapFixture.Inject("warp", "o0005", 2, 2)] };
        var state = await host.RunAsync(LapPipeline.Name, config, "lap-system", TimeSpan.FromSeconds(60));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        Assert.AreEqual(3L, await LapFixture.CountAsync(dir, "SELECT hits FROM lap_injections WHERE target = 'o0005'"), "two failures, then success");
        Assert.AreEqual(1L, await LapFixture.CountAsync(dir, "SELECT warp_runs FROM lap_chips WHERE exp_name = 'o0005'"));
        Assert.AreEqual(0L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE fault <> 0"));
    }

    [TestMethod]
    public async Task Stack_that_keeps_faulting_does_not_block_the_run_and_private_exposures_it_covers_are_postponed()
    {
        var dir = LapFixture.NewDirectory("stackfault");
        await using var host = await LapFixture.StartAsync(dir);
        var config = LapFixture.OneCell(dir) with { Injections = [LapFixture.Inject("stack", "PC000.sc00", 5, null)] };
        var state = await host.RunAsync(LapPipeline.Name, config, "lap-stackfault", TimeSpan.FromSeconds(60));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        Assert.AreEqual(2L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_stacks WHERE skycell = 'PC000.sc00' AND state = 'fault' AND fault = 5"), "both passes faulted");
        Assert.AreEqual(3L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_stacks WHERE state = 'full'"));
        Assert.AreEqual(2L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE note LIKE 'postponed: no stack for PC000.sc00%'"),
            "the private exposure and the orphaned companion wait for a later run");
        Assert.AreEqual(1L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_runs WHERE state = 'done'"));
    }

    [TestMethod]
    public async Task Second_stacking_pass_fills_in_a_missing_stack_from_destreaked_inputs()
    {
        var dir = LapFixture.NewDirectory("pass2");
        await using var host = await LapFixture.StartAsync(dir);
        var config = LapFixture.OneCell(dir) with { Injections = [LapFixture.Inject("stack", "PC000.sc01", 5, 1)] };
        var state = await host.RunAsync(LapPipeline.Name, config, "lap-pass2", TimeSpan.FromSeconds(60));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        Assert.AreEqual(1L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_stacks WHERE skycell = 'PC000.sc01' AND pass = 1 AND state = 'fault'"));
        Assert.AreEqual(1L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_stacks WHERE skycell = 'PC000.sc01' AND pass = 2 AND state = 'full'"));
        Assert.AreEqual(0L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_stacks WHERE pass = 2 AND skycell <> 'PC000.sc01'"), "pass 2 only fills in");
    }
}
