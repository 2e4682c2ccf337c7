using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Scenarios;

[TestClass]
public sealed class RunDemoTests
{
    [TestMethod]
    public async Task Run_demo_to_completion_leaves_a_Completed_instance_with_readable_JSON_and_its_steps_in_the_views()
    {
        using var store = new TempStore();

        var result = (await store.RunAsync("run", "demo", "--id", "first", "--input", """{"chunks": 6, "size": 5000}""")).ShouldSucceed();

        Assert.Contains("Completed", result.Stdout, result.ToString());
        Assert.Contains("3,245 primes up to 30,000 in 6 chunks", result.Stdout, result.ToString());
        var row = await StoreViews.InstanceAsync(store.Path, "first");
        Assert.IsNotNull(row);
        Assert.AreEqual("demo", row.Name);
        Assert.AreEqual("Completed", row.Status);
        var input = StoreViews.Json(row.Input);
        Assert.AreEqual(6, input.GetProperty("chunks").GetInt32());
        Assert.AreEqual(5000, input.GetProperty("size").GetInt32());
        var output = StoreViews.Json(row.Output);
        Assert.AreEqual(3245, output.GetProperty("primes").GetInt64(), "π(30000) = 3245");
        Assert.AreEqual(30000L * 30001 / 2, output.GetProperty("sum").GetInt64());
        Assert.IsTrue(output.GetProperty("verified").GetBoolean(), row.Output);
        Assert.AreEqual(9, StoreViews.Json(row.CustomStatus).GetProperty("done").GetInt32(), "6 chunks and 3 chained steps");

        var history = await StoreViews.HistoryAsync(store.Path, "first");
        var completed = history.Where(h => h.EventType == "TaskCompleted").Select(h => h.Name).ToList();
        Assert.AreEqual(6, completed.Count(n => n == "demo.chunk"), string.Join(", ", completed));
        CollectionAssert.AreEqual(new[] { "demo.reduce", "demo.verify", "demo.summarise" }, completed.Skip(6).ToList(), "the chain runs after the fan-in, in order");
        // DurableTask.Core closes every episode with OrchestratorCompleted; the ending is the event before it.
        var ending = history.Last(h => h.EventType != "OrchestratorCompleted");
        Assert.AreEqual("ExecutionCompleted", ending.EventType);
        Assert.AreEqual(row.Output, ending.Payload);
    }

    [TestMethod]
    public async Task Running_again_with_the_same_id_attaches_to_the_existing_run_instead_of_starting_another()
    {
        using var store = new TempStore();
        (await store.RunAsync("run", "demo", "--id", "same", "--input", """{"chunks": 2, "size": 100}""")).ShouldSucceed();

        var again = (await store.RunAsync("run", "demo", "--id", "same", "--input", """{"chunks": 3, "size": 100}""")).ShouldSucceed();

        Assert.Contains("keeps its original input", again.Stderr, again.ToString());
        Assert.Contains("46 primes up to 200", again.Stdout, "the first run's output, not a new run's");
        Assert.AreEqual(1L, await StoreViews.CountAsync(store.Path, "SELECT COUNT(*) FROM v_history WHERE instance_id = 'same' AND event_type = 'ExecutionStarted'"));
        var detached = (await store.RunAsync("run", "demo", "--id", "same", "--detach")).ShouldSucceed();
        Assert.AreEqual("same", detached.Stdout.Trim());
    }

    [TestMethod]
    public async Task Run_of_a_YAML_configuration_takes_the_pipeline_id_and_input_from_the_file()
    {
        using var store = new TempStore();
        var config = Path.Combine(store.Directory, "small.yaml");
        await File.WriteAllTextAsync(config, """
            # a small demo run
            pipeline: demo
            id: from-yaml
            input:
              chunks: 3
              size: 1000
            """);

        var result = (await store.RunAsync("run", config, "--json")).ShouldSucceed();

        var state = StoreViews.Json(result.Stdout);
        Assert.AreEqual("from-yaml", state.GetProperty("instanceId").GetString());
        Assert.AreEqual("Completed", state.GetProperty("status").GetString());
        Assert.AreEqual(3, state.GetProperty("input").GetProperty("chunks").GetInt32());
        Assert.AreEqual(430, state.GetProperty("output").GetProperty("primes").GetInt32(), "π(3000) = 430");
    }
}
