using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class ChainingTests
{
    public sealed class HelloCities : Orchestration<object?, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, object? input)
        {
            var results = new List<string>();
            foreach (var city in new[] { "Tokyo", "Seattle", "London", "Leiden", "Hilo" })
            {
                results.Add(await context.CallActivityAsync<string>("SayHello", city));
            }

            return results;
        }
    }

    [TestMethod]
    public async Task Five_chained_activities_complete_in_order_with_typed_results()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<HelloCities>("HelloCities").AddActivity<SayHello>("SayHello"));

        var state = await host.RunAsync("HelloCities");

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(
            new[] { "Hello, Tokyo!", "Hello, Seattle!", "Hello, London!", "Hello, Leiden!", "Hello, Hilo!" },
            state.ReadOutputAs<List<string>>());
        var history = await host.Client.GetHistoryAsync(state.InstanceId);
        Assert.AreEqual(5, history.Count(e => e.EventType == "TaskScheduled"));
        Assert.AreEqual(5, history.Count(e => e.EventType == "TaskCompleted"));
        Assert.AreEqual("ExecutionCompleted", history[^1].EventType);
    }
}
