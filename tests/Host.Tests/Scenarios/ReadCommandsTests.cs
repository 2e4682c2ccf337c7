using System.Text.Json;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Scenarios;

[TestClass]
public sealed class ReadCommandsTests
{
    private static TempStore store = null!;

    [ClassInitialize]
    public static async Task CreateStoreWithTwoRuns(TestContext context)
    {
        store = new TempStore();
        (await store.RunAsync("run", "demo", "--id", "alpha-1", "--input", """{"chunks": 2, "size": 100}""")).ShouldSucceed();
        (await store.RunAsync("run", "demo", "--id", "beta-1", "--detach")).ShouldSucceed();
    }

    [ClassCleanup]
    public static void DeleteStore() => store.Dispose();

    [TestMethod]
    public async Task List_json_is_a_JSON_array_of_instances_and_its_filters_apply()
    {
        var all = Parse((await store.RunAsync("list", "--json")).ShouldSucceed());
        var completed = Parse((await store.RunAsync("list", "--json", "--status", "Completed")).ShouldSucceed());
        var prefixed = Parse((await store.RunAsync("list", "--json", "--prefix", "beta")).ShouldSucceed());
        var recent = Parse((await store.RunAsync("list", "--json", "--since", "1h", "--limit", "1")).ShouldSucceed());
        var none = Parse((await store.RunAsync("list", "--json", "--name", "other")).ShouldSucceed());

        CollectionAssert.AreEquivalent(new[] { "alpha-1", "beta-1" }, Ids(all));
        CollectionAssert.AreEqual(new[] { "alpha-1" }, Ids(completed));
        CollectionAssert.AreEqual(new[] { "beta-1" }, Ids(prefixed));
        Assert.AreEqual(1, recent.GetArrayLength());
        Assert.AreEqual(0, none.GetArrayLength());
        var alpha = all.EnumerateArray().Single(e => e.GetProperty("instanceId").GetString() == "alpha-1");
        Assert.AreEqual(JsonValueKind.Object, alpha.GetProperty("output").ValueKind, "payloads are embedded as JSON, not as strings");
    }

    [TestMethod]
    public async Task Status_json_is_one_JSON_object_with_the_run_s_input_output_and_progress()
    {
        var status = Parse((await store.RunAsync("status", "alpha-1", "--json")).ShouldSucceed());

        Assert.AreEqual("alpha-1", status.GetProperty("instanceId").GetString());
        Assert.AreEqual("demo", status.GetProperty("name").GetString());
        Assert.AreEqual("Completed", status.GetProperty("status").GetString());
        Assert.AreEqual(2, status.GetProperty("input").GetProperty("chunks").GetInt32());
        Assert.AreEqual(46, status.GetProperty("output").GetProperty("primes").GetInt32(), "π(200) = 46");
        Assert.AreEqual("done", status.GetProperty("customStatus").GetProperty("phase").GetString());
        Assert.IsTrue(status.GetProperty("completedAt").GetDateTime() >= status.GetProperty("createdAt").GetDateTime());
    }

    [TestMethod]
    public async Task History_json_lists_the_events_in_order_and_the_tables_render()
    {
        var history = Parse((await store.RunAsync("history", "alpha-1", "--json")).ShouldSucceed());
        var table = (await store.RunAsync("history", "alpha-1")).ShouldSucceed();
        var list = (await store.RunAsync("list")).ShouldSucceed();
        var status = (await store.RunAsync("status", "beta-1")).ShouldSucceed();

        var types = history.EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ToList();
        // DurableTask.Core closes every episode with OrchestratorCompleted; the ending is the event before it.
        Assert.AreEqual("ExecutionCompleted", types.Last(t => t != "OrchestratorCompleted"));
        Assert.AreEqual(2, types.Count(t => t == "TaskScheduled") - 3, "two chunks and three chained steps");
        Assert.Contains("demo.summarise", table.Stdout);
        Assert.Contains("alpha-1", list.Stdout);
        Assert.Contains("Pending", status.Stdout, "a detached run stays Pending until a worker takes it");
        Assert.DoesNotContain("\u001b[", list.Stdout + table.Stdout + status.Stdout, "no escape codes when stdout is not a terminal");
    }

    private static JsonElement Parse(CliResult result)
    {
        try
        {
            return StoreViews.Json(result.Stdout);
        }
        catch (JsonException e)
        {
            throw new AssertFailedException($"stdout is not JSON ({e.Message}):\n{result}");
        }
    }

    private static List<string?> Ids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString())];
}
