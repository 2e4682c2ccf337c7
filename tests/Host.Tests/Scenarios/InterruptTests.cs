using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Scenarios;

[TestClass]
public sealed class InterruptTests
{
    [TestMethod]
    public async Task Ctrl_C_during_run_stops_the_worker_and_running_the_same_id_again_finishes_the_run()
    {
        using var store = new TempStore();
        using var run = store.Start("run", "demo", "--id", "paused", "--input", """{"chunks": 5, "size": 1000, "gate": "go"}""");
        await StoreViews.WaitForAsync(store.Path, "paused", r => r.CustomStatus?.Contains("waiting for event", StringComparison.Ordinal) == true, "the run reaches its gate");

        await run.SignalAsync("INT");
        // Generous: the worker's drain is bounded by its 15-s shutdown timeout, but a loaded CI machine stretched
        // the whole stop past 30 s once; what is asserted is the outcome, not the speed.
        var interrupted = await run.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.AreEqual(130, interrupted.ExitCode, interrupted.ToString());
        Assert.Contains("resumes with: nightshift run demo --id paused", interrupted.Stderr);
        var row = await StoreViews.InstanceAsync(store.Path, "paused");
        Assert.AreEqual("Running", row!.Status, "an interrupted run is left unfinished, not failed");

        (await store.RunAsync("raise", "paused", "go")).ShouldSucceed();
        var resumed = (await store.RunAsync("run", "demo", "--id", "paused", "--json")).ShouldSucceed();

        var state = StoreViews.Json(resumed.Stdout);
        Assert.AreEqual("Completed", state.GetProperty("status").GetString());
        Assert.AreEqual(669, state.GetProperty("output").GetProperty("primes").GetInt32(), "π(5000) = 669");
        Assert.AreEqual(1L, await StoreViews.CountAsync(store.Path, "SELECT COUNT(*) FROM v_history WHERE instance_id = 'paused' AND event_type = 'ExecutionStarted'"));
    }
}
