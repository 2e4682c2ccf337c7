using Microsoft.Extensions.DependencyInjection;
using Nightshift.Durable.Engine;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

/// <summary>Episodes, leases, duplicates and poison messages, driven partly through the internal store API.</summary>
[TestClass]
public sealed class DeliveryTests
{
    [TestMethod]
    public async Task All_pending_messages_of_an_instance_are_consumed_in_one_episode()
    {
        using var store = new TestStore();
        string id;
        await using (var client = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<TimerAndEventTests.Collector>("Collector"), startWorker: false))
        {
            // Nothing runs yet: the start and five events wait together.
            id = await client.Client.StartAsync("Collector", 5);
            for (var i = 1; i <= 5; i++)
            {
                await client.Client.RaiseEventAsync(id, "item", i);
            }
        }

        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<TimerAndEventTests.Collector>("Collector"));
        var state = await host.WaitAsync(id);

        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, state.ReadOutputAs<List<int>>());
        var history = await host.Client.GetHistoryAsync(id);
        CollectionAssert.AreEqual(
            new[] { "OrchestratorStarted", "ExecutionStarted", "EventRaised", "EventRaised", "EventRaised", "EventRaised", "EventRaised", "ExecutionCompleted" },
            history.Select(e => e.EventType).ToArray(),
            "one episode: one marker, every message, the result");
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events"));
    }

    public sealed class Slow(ExecutionLog log) : Activity<int, string>
    {
        public override async Task<string> RunAsync(ActivityContext context, int milliseconds)
        {
            log.Increment("Slow");
            await Task.Delay(milliseconds, context.CancellationToken);
            return $"delivery {context.DeliveryCount}";
        }
    }

    public sealed class CallsSlow : Orchestration<int, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, int milliseconds) => context.CallActivityAsync<string>("Slow", milliseconds);
    }

    [TestMethod]
    public async Task Activity_running_longer_than_its_lease_keeps_it_by_renewal_and_runs_once()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<CallsSlow>("CallsSlow").AddActivity<Slow>("Slow"),
            o => o.ActivityLeaseTimeout = TimeSpan.FromSeconds(1.5),
            services: s => s.AddSingleton(log));

        // Over 2.5 leases long: without renewal the task would be visible again (and run again by this worker) twice.
        var state = await host.RunAsync("CallsSlow", 4000);

        Assert.AreEqual("delivery 1", state.ReadOutputAs<string>(), state.Failure?.ToString());
        Assert.AreEqual(1, log.Count("Slow"));
        var history = await host.Client.GetHistoryAsync(state.InstanceId);
        Assert.AreEqual(1, history.Count(e => e.EventType == "TaskCompleted"));
    }

    /// <summary>Its first delivery waits for its cancellation token; later deliveries return at once.</summary>
    public sealed class Victim(ExecutionLog log, Gate gate) : Activity<object?, string>
    {
        public override async Task<string> RunAsync(ActivityContext context, object? input)
        {
            if (context.DeliveryCount == 1)
            {
                _ = gate.PassAsync(CancellationToken.None);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    log.Increment("Victim/cancelled");
                    throw;
                }
            }

            return $"delivery {context.DeliveryCount}";
        }
    }

    public sealed class CallsVictim : Orchestration<object?, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, object? input) => context.CallActivityAsync<string>("Victim");
    }

    [TestMethod]
    public async Task Activity_whose_lease_is_lost_is_cancelled_and_its_task_runs_again()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        var gate = new Gate();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<CallsVictim>("CallsVictim").AddActivity<Victim>("Victim"),
            o => o.ActivityLeaseTimeout = TimeSpan.FromMilliseconds(600),
            services: s => s.AddSingleton(log).AddSingleton(gate));
        var id = await host.Client.StartAsync("CallsVictim");
        await gate.Entered.WaitAsync(TestHost.DefaultTimeout);

        // Another worker takes the task over (as it would after a long pause of this one).
        await Sql.ScalarAsync(store.Path, "UPDATE new_tasks SET locked_by = 'thief' WHERE instance_id = @id", ("@id", id));

        // The next renewal finds the lease gone: the running copy is told to stop instead of working on for nothing.
        await TestHost.WaitUntilAsync(() => Task.FromResult(log.Count("Victim/cancelled") == 1), "the activity that lost its lease is cancelled", TimeSpan.FromSeconds(10));
        var state = await host.WaitAsync(id);
        Assert.AreEqual("delivery 2", state.ReadOutputAs<string>(), state.Failure?.ToString());
        var history = await host.Client.GetHistoryAsync(id);
        Assert.AreEqual(1, history.Count(e => e.EventType == "TaskCompleted"));
    }

    public sealed class GateActivity(Gate gate) : Activity<object?, string>
    {
        public override async Task<string> RunAsync(ActivityContext context, object? input)
        {
            await gate.PassAsync(context.CancellationToken);
            return "gate";
        }
    }

    public sealed class Target(ExecutionLog log) : Activity<object?, string>
    {
        public override Task<string> RunAsync(ActivityContext context, object? input)
        {
            log.Increment("Target");
            return Task.FromResult($"target, delivery {context.DeliveryCount}");
        }
    }

    /// <summary>Schedules Gate then Target; with one activity slot the worker holds Gate while Target waits in the store.</summary>
    public sealed class GateAndTarget : Orchestration<object?, string[]>
    {
        public override Task<string[]> RunAsync(OrchestrationContext context, object? input)
            => Task.WhenAll(context.CallActivityAsync<string>("Gate"), context.CallActivityAsync<string>("Target"));
    }

    private sealed record GatedRun(TestHost Host, Gate Gate, ExecutionLog Log, string InstanceId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Gate.Open();
            return Host.DisposeAsync();
        }
    }

    /// <summary>Starts GateAndTarget and returns once the worker is inside Gate, with Target unleased in new_tasks.</summary>
    private static async Task<GatedRun> StartGatedAsync(TestStore store, int maxDeliveryCount = 10)
    {
        var gate = new Gate();
        var log = new ExecutionLog();
        var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<GateAndTarget>("GateAndTarget").AddActivity<GateActivity>("Gate").AddActivity<Target>("Target"),
            o =>
            {
                o.MaxConcurrentActivities = 1;
                o.MaxDeliveryCount = maxDeliveryCount;
            },
            services: s => s.AddSingleton(gate).AddSingleton(log));
        var id = await host.Client.StartAsync("GateAndTarget");
        await gate.Entered.WaitAsync(TestHost.DefaultTimeout);
        return new GatedRun(host, gate, log, id);
    }

    private static async Task<ActivityWorkItem> LeaseTargetAsync(IDurableStore store, string owner, TimeSpan lease)
    {
        var items = await store.LockNextActivitiesAsync(owner, lease, 10, CancellationToken.None);
        Assert.HasCount(1, items);
        Assert.AreEqual("Target", items[0].Name);
        return items[0];
    }

    private static ActivityCompletion Completion(ActivityWorkItem item, string result) => new(item.Id, new OrchestrationMessage
    {
        InstanceId = item.InstanceId,
        ExecutionId = item.ExecutionId,
        VisibleAt = DateTime.UtcNow,
        Event = new HistoryEvent { Type = EventType.TaskCompleted, TaskId = item.TaskId, Name = item.Name, Payload = DurableJson.Serialize(result), Timestamp = DateTime.UtcNow },
    });

    [TestMethod]
    public async Task Expired_activity_lease_is_reclaimed_and_a_late_completion_from_the_old_owner_is_ignored()
    {
        using var store = new TestStore();
        await using var run = await StartGatedAsync(store);

        // A worker that will die: it leases Target for a moment and never reports back.
        var lost = await LeaseTargetAsync(run.Host.Store, "doomed-worker", TimeSpan.FromMilliseconds(300));
        Assert.AreEqual(1, lost.DequeueCount);
        run.Gate.Open();
        var state = await run.Host.WaitAsync(run.InstanceId);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new[] { "gate", "target, delivery 2" }, state.ReadOutputAs<string[]>());
        Assert.AreEqual(1, run.Log.Count("Target"));

        // The doomed worker wakes up and reports a result: the task is gone, nothing changes.
        Assert.AreEqual(0, await run.Host.Store.CompleteActivitiesAsync([Completion(lost, "stale")], CancellationToken.None));
        var history = await run.Host.Client.GetHistoryAsync(run.InstanceId);
        Assert.AreEqual(1, history.Count(e => e.EventType == "TaskCompleted" && e.TaskId == lost.TaskId));
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events"));
    }

    [TestMethod]
    public async Task Duplicate_completion_of_a_task_is_ignored()
    {
        using var store = new TestStore();
        await using var run = await StartGatedAsync(store);
        var item = await LeaseTargetAsync(run.Host.Store, "other-worker", TimeSpan.FromSeconds(30));

        Assert.AreEqual(1, await run.Host.Store.CompleteActivitiesAsync([Completion(item, "first")], CancellationToken.None));
        Assert.AreEqual(0, await run.Host.Store.CompleteActivitiesAsync([Completion(item, "second")], CancellationToken.None));
        Assert.AreEqual(0, await run.Host.Store.CompleteActivitiesAsync([Completion(item, "third"), Completion(item, "fourth")], CancellationToken.None));
        run.Gate.Open();
        var state = await run.Host.WaitAsync(run.InstanceId);

        CollectionAssert.AreEqual(new[] { "gate", "first" }, state.ReadOutputAs<string[]>());
        Assert.AreEqual(0, run.Log.Count("Target"), "the worker never saw the task");
        var history = await run.Host.Client.GetHistoryAsync(run.InstanceId);
        Assert.AreEqual(1, history.Count(e => e.EventType == "TaskCompleted" && e.TaskId == item.TaskId));
    }

    public sealed class EchoThenWait : Orchestration<object?, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, object? input)
        {
            var echoed = await context.CallActivityAsync<string>("SayHello", "once");
            await context.WaitForExternalEvent<string>("done");
            return echoed;
        }
    }

    [TestMethod]
    [DataRow(0, DisplayName = "full replay every episode")]
    [DataRow(10_000, DisplayName = "live orchestration kept in memory")]
    public async Task Duplicate_TaskCompleted_message_does_not_change_the_result(int cacheSize)
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<EchoThenWait>("EchoThenWait").AddActivity<SayHello>("SayHello"), o => o.OrchestrationCacheSize = cacheSize);
        var id = await host.Client.StartAsync("EchoThenWait");
        await host.WaitForHistoryAsync(id, "TaskCompleted");
        var executionId = (await host.Client.GetAsync(id))!.ExecutionId;

        // A second delivery of the same task reports a different result.
        await host.Store.EnqueueAsync(
            [new OrchestrationMessage
            {
                InstanceId = id,
                ExecutionId = executionId,
                VisibleAt = DateTime.UtcNow,
                Event = new HistoryEvent { Type = EventType.TaskCompleted, TaskId = 0, Name = "SayHello", Payload = "\"duplicate\"", Timestamp = DateTime.UtcNow },
            }],
            CancellationToken.None);
        await TestHost.WaitUntilAsync(async () => await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events") == 0, "the duplicate is consumed");
        await host.Client.RaiseEventAsync(id, "done", "");
        var state = await host.WaitAsync(id);

        Assert.AreEqual("Hello, once!", state.ReadOutputAs<string>());
        var history = await host.Client.GetHistoryAsync(id);
        Assert.AreEqual(1, history.Count(e => e.EventType == "TaskCompleted"));
    }

    [TestMethod]
    public async Task Orchestration_message_delivered_more_than_MaxDeliveryCount_times_fails_the_instance_saying_so()
    {
        using var store = new TestStore();
        string id;
        await using (var client = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<EchoThenWait>("EchoThenWait"), startWorker: false))
        {
            id = await client.Client.StartAsync("EchoThenWait");

            // Two workers crash in the middle of the first episode: they take the messages and never commit.
            for (var crash = 0; crash < 2; crash++)
            {
                var item = await client.Store.LockNextOrchestrationAsync($"crashing-worker-{crash}", TimeSpan.FromSeconds(30), CancellationToken.None);
                Assert.IsNotNull(item);
                await client.Store.AbandonOrchestrationAsync(item, TimeSpan.Zero, CancellationToken.None);
            }
        }

        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<EchoThenWait>("EchoThenWait").AddActivity<SayHello>("SayHello"), o => o.MaxDeliveryCount = 2);
        var state = await host.WaitAsync(id);

        Assert.AreEqual(OrchestrationStatus.Failed, state.Status);
        Assert.AreEqual(typeof(PoisonMessageException).FullName, state.Failure!.ErrorType);
        Assert.Contains("ExecutionStarted", state.Failure.ErrorMessage);
        Assert.Contains("delivered 3 times", state.Failure.ErrorMessage);
        Assert.Contains("limit 2", state.Failure.ErrorMessage);
        var history = await host.Client.GetHistoryAsync(id);
        Assert.AreEqual(0, history.Count(e => e.EventType == "TaskScheduled"), "the poisoned episode did not run the code");
        Assert.AreEqual("ExecutionFailed", history[^1].EventType);
    }

    [TestMethod]
    public async Task Activity_delivered_more_than_MaxDeliveryCount_times_fails_with_a_reason_instead_of_running()
    {
        using var store = new TestStore();
        await using var run = await StartGatedAsync(store, maxDeliveryCount: 2);

        // Two workers lease Target and give it back without a result.
        for (var crash = 0; crash < 2; crash++)
        {
            var item = await LeaseTargetAsync(run.Host.Store, $"crashing-worker-{crash}", TimeSpan.FromSeconds(30));
            await run.Host.Store.AbandonActivityAsync(item, TimeSpan.Zero, CancellationToken.None);
        }

        run.Gate.Open();
        var state = await run.Host.WaitAsync(run.InstanceId);

        Assert.AreEqual(OrchestrationStatus.Failed, state.Status);
        Assert.IsTrue(state.Failure!.IsCausedBy<PoisonMessageException>(), state.Failure.ToString());
        var reason = state.Failure.InnerFailure!.ErrorMessage;
        Assert.Contains("Activity 'Target'", reason);
        Assert.Contains("delivered 3 times", reason);
        Assert.Contains("limit 2", reason);
        Assert.AreEqual(0, run.Log.Count("Target"), "a poisoned task is failed, not run");
    }
}
