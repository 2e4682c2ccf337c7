using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Scenarios;

[TestClass]
public sealed class SteeringTests
{
    [TestMethod]
    public async Task Suspend_raise_resume_and_terminate_round_trip_on_detached_runs_served_by_a_worker()
    {
        using var store = new TempStore();
        var gated = (await store.RunAsync("run", "demo", "--detach", "--id", "gated", "--input", """{"chunks": 3, "size": 1000, "gate": "go"}""")).ShouldSucceed();
        Assert.AreEqual("gated", gated.Stdout.Trim());
        (await store.RunAsync("run", "demo", "--detach", "--id", "doomed", "--input", """{"chunks": 3, "size": 1000, "gate": "never"}""")).ShouldSucceed();

        using var worker = store.Start("worker", "--orchestrations", "2", "--activities", "2");
        await StoreViews.WaitForAsync(store.Path, "gated", r => r.CustomStatus?.Contains("waiting for event", StringComparison.Ordinal) == true, "the run waits at its gate");

        (await store.RunAsync("suspend", "gated", "--reason", "maintenance")).ShouldSucceed();
        await StoreViews.WaitForAsync(store.Path, "gated", r => r.Status == "Suspended", "the run is suspended");
        (await store.RunAsync("raise", "gated", "go", "--data", """{"by": "operator"}""")).ShouldSucceed();
        var held = await StoreViews.InstanceAsync(store.Path, "gated");
        Assert.AreEqual("Suspended", held!.Status, "an event raised on a suspended run waits for resume");

        (await store.RunAsync("resume", "gated")).ShouldSucceed();
        var done = await StoreViews.WaitForAsync(store.Path, "gated", r => r.Status is "Completed" or "Failed", "the run finishes after resume");
        Assert.AreEqual("Completed", done.Status, done.Failure);
        var output = StoreViews.Json(done.Output);
        Assert.AreEqual("""event 'go' with {"by":"operator"}""", output.GetProperty("released").GetString());
        Assert.AreEqual(430, output.GetProperty("primes").GetInt32());

        (await store.RunAsync("terminate", "doomed", "--reason", "not needed")).ShouldSucceed();
        var terminated = await StoreViews.WaitForAsync(store.Path, "doomed", r => r.Status == "Terminated", "the run is terminated");
        Assert.Contains("not needed", terminated.Failure + terminated.Output, "the reason is recorded");
        var shown = (await store.RunAsync("run", "demo", "--id", "doomed")).ExitCode;
        Assert.AreEqual(1, shown, "attaching to a terminated run reports it and exits 1");

        var again = await store.RunAsync("terminate", "doomed");
        Assert.AreEqual(1, again.ExitCode, again.ToString());
        Assert.Contains("already ended (Terminated)", again.Stderr);
        var late = await store.RunAsync("raise", "doomed", "go");
        Assert.AreEqual(1, late.ExitCode, late.ToString());

        await worker.SignalAsync("TERM");
        var stopped = await worker.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, stopped.ExitCode, "SIGTERM stops a worker cleanly: " + stopped);

        (await store.RunAsync("purge", "--status", "Terminated")).ShouldSucceed();
        Assert.IsNull(await StoreViews.InstanceAsync(store.Path, "doomed"));
        Assert.IsNotNull(await StoreViews.InstanceAsync(store.Path, "gated"));
        var byId = await store.RunAsync("purge", "gated");
        Assert.AreEqual(0, byId.ExitCode, "a completed instance may be purged by id: " + byId);
        Assert.IsNull(await StoreViews.InstanceAsync(store.Path, "gated"));
    }

    [TestMethod]
    public async Task Restart_of_a_failed_run_keeps_the_successful_chunks_and_completes()
    {
        using var store = new TempStore();
        var halt = Path.Combine(store.Directory, "halt");
        await File.WriteAllTextAsync(halt, "");
        var input = $$"""{"chunks": 4, "size": 1000, "haltFile": "{{halt}}", "haltChunk": 2}""";

        var failed = await store.RunAsync("run", "demo", "--id", "flaky", "--input", input);
        Assert.AreEqual(1, failed.ExitCode, failed.ToString());
        Assert.Contains("Chunk 2 halted", failed.Stdout);
        Assert.Contains("nightshift restart flaky", failed.Stdout, "the failure says how to retry");
        var notYet = await store.RunAsync("resume", "flaky");
        Assert.AreEqual(1, notYet.ExitCode, "resume is not restart: " + notYet);

        File.Delete(halt);
        (await store.RunAsync("restart", "flaky")).ShouldSucceed();
        var resumed = (await store.RunAsync("run", "demo", "--id", "flaky", "--json")).ShouldSucceed();

        var state = StoreViews.Json(resumed.Stdout);
        Assert.AreEqual("Completed", state.GetProperty("status").GetString());
        Assert.AreEqual(550, state.GetProperty("output").GetProperty("primes").GetInt32(), "π(4000) = 550");
        var history = await StoreViews.HistoryAsync(store.Path, "flaky");
        // DurableTask.Core's rewind is the model: the same execution loses its failure and goes on from there.
        Assert.HasCount(1, history.Select(h => h.ExecutionId).Distinct().ToList(), "a rewind keeps the execution");
        Assert.AreEqual(0, history.Count(h => h.EventType is "TaskFailed" or "ExecutionFailed"), "the failure is gone from the history");
        var rewind = history.FindIndex(h => h.EventType == "GenericEvent");
        Assert.IsGreaterThan(0, rewind, "the restart is recorded in the history");
        var chunks = history.Select((h, index) => (h, index)).Where(x => x.h.EventType == "TaskCompleted" && x.h.Name == "demo.chunk").ToList();
        Assert.HasCount(3, chunks.Where(x => x.index < rewind).ToList(), "chunks 0, 1 and 3 succeeded before the failure and are kept");
        Assert.HasCount(1, chunks.Where(x => x.index > rewind).ToList(), "only the failed chunk runs again");
        Assert.AreEqual(4, history.Count(h => h.EventType == "TaskScheduled" && h.Name == "demo.chunk"), "no chunk is scheduled twice");
        Assert.AreEqual("ExecutionCompleted", history.Last(h => h.EventType != "OrchestratorCompleted").EventType);
    }
}
