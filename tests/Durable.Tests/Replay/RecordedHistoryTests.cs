using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Durable.Engine;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Replay;

/// <summary>
/// Histories recorded from real runs, checked into Histories/*.json and replayed on every build through the
/// engine's replay path, like Temporal's WorkflowReplayer tests: one must replay cleanly against today's code,
/// one must be reported as non-deterministic against a changed orchestration.
/// </summary>
[TestClass]
public sealed class RecordedHistoryTests
{
    private const string KitchenFile = "kitchen.json";
    private const string ChainFile = "chain-a-then-b.json";

    private static OrchestrationExecutor Executor(RecordedHistory recorded, IOrchestration code)
        => new(recorded.InstanceId, recorded.Orchestration, code, NullLogger.Instance);

    private static string? RecordedOutput(RecordedHistory recorded)
        => recorded.History.Single(e => e.Type == EventType.ExecutionCompleted).Payload;

    [TestMethod]
    public void Recorded_history_of_every_event_kind_replays_to_the_recorded_output()
    {
        var recorded = HistoryJson.Load(KitchenFile);
        var kinds = recorded.History.Select(e => e.Type).ToHashSet();
        foreach (var kind in new[] { EventType.TaskFailed, EventType.TimerCreated, EventType.TimerFired, EventType.EventRaised, EventType.SubOrchestrationCreated, EventType.SubOrchestrationCompleted })
        {
            Assert.Contains(kind, kinds, $"the recording should contain a {kind} event");
        }

        var executor = Executor(recorded, new Kitchen());
        executor.Replay(recorded.History);

        Assert.IsNotNull(executor.Outcome);
        Assert.AreEqual(OrchestrationStatus.Completed, executor.Outcome.Status, executor.Outcome.Failure?.ToString());
        Assert.AreEqual(RecordedOutput(recorded), executor.Outcome.Output);
    }

    [TestMethod]
    public void Recorded_chain_replays_against_its_own_version()
    {
        var recorded = HistoryJson.Load(ChainFile);

        var executor = Executor(recorded, new ChainV1());
        executor.Replay(recorded.History);

        Assert.AreEqual(OrchestrationStatus.Completed, executor.Outcome?.Status);
        Assert.AreEqual(RecordedOutput(recorded), executor.Outcome!.Output);
    }

    [TestMethod]
    public void Recorded_chain_replayed_against_a_changed_step_names_the_event_and_the_action()
    {
        var recorded = HistoryJson.Load(ChainFile);

        var error = Assert.ThrowsExactly<NonDeterministicOrchestrationException>(() => Executor(recorded, new ChainV2()).Replay(recorded.History));

        Assert.Contains("TaskScheduled #1 'B'", error.Message);
        Assert.Contains("CallActivity #1 'C'", error.Message);
        Assert.Contains($"'{recorded.Orchestration}'", error.Message);
        Assert.Contains($"'{recorded.InstanceId}'", error.Message);
    }

    [TestMethod]
    public void Recorded_chain_replayed_against_a_removed_step_says_no_action_matches()
    {
        var recorded = HistoryJson.Load(ChainFile);

        var error = Assert.ThrowsExactly<NonDeterministicOrchestrationException>(() => Executor(recorded, new ChainV3()).Replay(recorded.History));

        Assert.Contains("TaskScheduled #1 'B'", error.Message);
        Assert.Contains("no matching action", error.Message);
    }

    /// <summary>
    /// Runs the recorded orchestrations for real and checks that a fresh history survives the JSON helper and
    /// replays to its own output. With NIGHTSHIFT_RECORD_HISTORIES=1 it also rewrites the checked-in files.
    /// </summary>
    [TestMethod]
    public async Task Fresh_histories_round_trip_through_json_and_replay()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<Kitchen>("Kitchen").AddOrchestration<ChainV1>("Chain")
                .AddActivity<Tag>("A").AddActivity<Tag>("B").AddActivity<FailsOnce>("FailsOnce"),
            services: s => s.AddSingleton<ExecutionLog>());

        var chain = await RecordAsync(host, "Chain", "replay-chain", "x");
        await host.Client.StartAsync("Kitchen", "k", new StartOrchestrationOptions { InstanceId = "replay-kitchen" });
        await host.Client.RaiseEventAsync("replay-kitchen", "approve", "yes");
        var kitchen = await RecordAsync(host, "Kitchen", "replay-kitchen", null);

        foreach (var (recorded, code) in new (RecordedHistory, IOrchestration)[] { (chain, new ChainV1()), (kitchen, new Kitchen()) })
        {
            var copy = HistoryJson.Deserialize(HistoryJson.Serialize(recorded));
            Assert.AreEqual(recorded.History.Count, copy.History.Count);
            var executor = Executor(copy, code);
            executor.Replay(copy.History);
            Assert.AreEqual(RecordedOutput(recorded), executor.Outcome?.Output);
        }

        if (Environment.GetEnvironmentVariable("NIGHTSHIFT_RECORD_HISTORIES") == "1")
        {
            await File.WriteAllTextAsync(RepoPaths.Combine("tests", "Durable.Tests", "Histories", ChainFile), HistoryJson.Serialize(chain));
            await File.WriteAllTextAsync(RepoPaths.Combine("tests", "Durable.Tests", "Histories", KitchenFile), HistoryJson.Serialize(kitchen));
        }
    }

    private static async Task<RecordedHistory> RecordAsync(TestHost host, string name, string instanceId, string? input)
    {
        if (input is not null)
        {
            await host.Client.StartAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId });
        }

        var state = await host.WaitAsync(instanceId);
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        return new RecordedHistory(name, instanceId, [.. await host.LoadHistoryAsync(instanceId)]);
    }
}
