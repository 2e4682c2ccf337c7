using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Replay;

[TestClass]
public sealed class NonDeterminismTests
{
    public sealed class WaitingChainV1 : Orchestration<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            var a = await context.CallActivityAsync<string>("A", input);
            var b = await context.CallActivityAsync<string>("B", a);
            return b + await context.WaitForExternalEvent<string>("go");
        }
    }

    public sealed class WaitingChainV2 : Orchestration<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            var a = await context.CallActivityAsync<string>("A", input);
            var c = await context.CallActivityAsync<string>("C", a);
            return c + await context.WaitForExternalEvent<string>("go");
        }
    }

    [TestMethod]
    public async Task Instance_resumed_by_changed_code_fails_naming_the_history_event_and_the_action()
    {
        using var store = new TestStore();
        string id;
        await using (var before = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<WaitingChainV1>("WaitingChain").AddActivity<Tag>("A").AddActivity<Tag>("B")))
        {
            id = await before.Client.StartAsync("WaitingChain", "x");
            await before.WaitForHistoryAsync(id, "TaskCompleted", count: 2);
        }

        // A new deployment: the same name now runs code that calls C where history recorded B.
        await using var after = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<WaitingChainV2>("WaitingChain").AddActivity<Tag>("A").AddActivity<Tag>("C"));
        await after.Client.RaiseEventAsync(id, "go", "!");
        var state = await after.WaitAsync(id);

        Assert.AreEqual(OrchestrationStatus.Failed, state.Status);
        Assert.AreEqual(typeof(NonDeterministicOrchestrationException).FullName, state.Failure!.ErrorType);
        Assert.Contains("TaskScheduled #1 'B'", state.Failure.ErrorMessage);
        Assert.Contains("CallActivity #1 'C'", state.Failure.ErrorMessage);
        var history = await after.Client.GetHistoryAsync(id);
        Assert.AreEqual(0, history.Count(e => e.EventType == "TaskScheduled" && e.Name == "C"), "the changed code must not schedule work");
        Assert.AreEqual("ExecutionFailed", history[^1].EventType);
    }
}
