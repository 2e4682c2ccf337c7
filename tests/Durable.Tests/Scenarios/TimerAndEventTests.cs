using System.Diagnostics;
using Nightshift.Durable.Engine;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class TimerAndEventTests
{
    public sealed class Sleeper : Orchestration<int, double>
    {
        public override async Task<double> RunAsync(OrchestrationContext context, int milliseconds)
        {
            var before = context.CurrentUtcDateTime;
            await context.CreateTimer(TimeSpan.FromMilliseconds(milliseconds));
            return (context.CurrentUtcDateTime - before).TotalMilliseconds;
        }
    }

    [TestMethod]
    public async Task Durable_timer_waits_at_least_its_delay_and_is_recorded()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Sleeper>("Sleeper"));

        var clock = Stopwatch.StartNew();
        var state = await host.RunAsync("Sleeper", 500);
        clock.Stop();

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        Assert.IsGreaterThanOrEqualTo(500.0, state.ReadOutputAs<double>(), "orchestration time between the episodes");
        Assert.IsGreaterThanOrEqualTo(500L, clock.ElapsedMilliseconds, "wall-clock time of the run");

        var history = await host.LoadHistoryAsync(state.InstanceId);
        var created = history.Single(e => e.Type == EventType.TimerCreated);
        var fired = history.Single(e => e.Type == EventType.TimerFired);
        Assert.AreEqual(created.TaskId, fired.TaskId);
        Assert.AreEqual(created.Details!.FireAt, fired.Details!.FireAt);
        Assert.IsGreaterThanOrEqualTo(created.Details.FireAt!.Value, fired.Timestamp, "the timer fired no earlier than its time");
        var started = history.First(e => e.Type == EventType.OrchestratorStarted).Timestamp;
        Assert.AreEqual(TimeSpan.FromMilliseconds(500), created.Details.FireAt.Value - started);
    }

    public sealed record Approval(string By, int Level);

    public sealed class WaitsForApproval : Orchestration<object?, Approval>
    {
        public override async Task<Approval> RunAsync(OrchestrationContext context, object? input)
        {
            context.SetCustomStatus("waiting");
            return await context.WaitForExternalEvent<Approval>("approve");
        }
    }

    [TestMethod]
    public async Task WaitForExternalEvent_returns_the_raised_payload()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<WaitsForApproval>("WaitsForApproval"));
        var id = await host.Client.StartAsync("WaitsForApproval");
        await host.WaitForStatusAsync(id, OrchestrationStatus.Running);

        await host.Client.RaiseEventAsync(id, "approve", new Approval("operator", 3));
        var state = await host.WaitAsync(id);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        Assert.AreEqual(new Approval("operator", 3), state.ReadOutputAs<Approval>());
    }

    public sealed class WaitsWithTimeout : Orchestration<int, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, int timeoutMilliseconds)
        {
            try
            {
                return await context.WaitForExternalEvent<string>("answer", TimeSpan.FromMilliseconds(timeoutMilliseconds));
            }
            catch (TimeoutException e)
            {
                return "timeout: " + e.Message;
            }
        }
    }

    [TestMethod]
    public async Task WaitForExternalEvent_with_timeout_throws_TimeoutException_when_nothing_arrives()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<WaitsWithTimeout>("WaitsWithTimeout"));

        var state = await host.RunAsync("WaitsWithTimeout", 300);

        var output = state.ReadOutputAs<string>()!;
        Assert.StartsWith("timeout: ", output);
        Assert.Contains("'answer'", output);
        var history = await host.Client.GetHistoryAsync(state.InstanceId);
        Assert.AreEqual(1, history.Count(e => e.EventType == "TimerFired"));
        Assert.AreEqual(0, history.Count(e => e.EventType == "EventRaised"));
    }

    [TestMethod]
    public async Task WaitForExternalEvent_with_timeout_returns_the_event_that_arrives_in_time()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<WaitsWithTimeout>("WaitsWithTimeout"));
        var id = await host.Client.StartAsync("WaitsWithTimeout", 60_000);
        await host.WaitForHistoryAsync(id, "TimerCreated");

        await host.Client.RaiseEventAsync(id, "answer", "42");
        var state = await host.WaitAsync(id, TimeSpan.FromSeconds(20));

        Assert.AreEqual("42", state.ReadOutputAs<string>());
    }

    [TestMethod]
    [DataRow(0, DisplayName = "full replay every episode")]
    [DataRow(10_000, DisplayName = "live orchestration kept in memory")]
    public async Task Event_that_times_out_is_not_taken_by_a_late_raise_and_a_later_wait_gets_it(int cacheSize)
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<TimeoutThenWait>("TimeoutThenWait"), o => o.OrchestrationCacheSize = cacheSize);
        var id = await host.Client.StartAsync("TimeoutThenWait");
        await host.WaitForHistoryAsync(id, "TimerFired");

        await host.Client.RaiseEventAsync(id, "answer", "late");
        var state = await host.WaitAsync(id);

        Assert.AreEqual("timed out, then late", state.ReadOutputAs<string>());
    }

    public sealed class TimeoutThenWait : Orchestration<object?, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, object? input)
        {
            string first;
            try
            {
                first = await context.WaitForExternalEvent<string>("answer", TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
                first = "timed out";
            }

            return $"{first}, then {await context.WaitForExternalEvent<string>("answer")}";
        }
    }

    public sealed class TwoEvents : Orchestration<object?, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, object? input)
        {
            var first = await context.WaitForExternalEvent<string>("first");
            var second = await context.WaitForExternalEvent<string>("second");
            return [first, second];
        }
    }

    [TestMethod]
    public async Task Event_raised_before_it_is_awaited_is_kept_until_awaited()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<TwoEvents>("TwoEvents"));
        var id = await host.Client.StartAsync("TwoEvents");

        // "second" arrives while the code still waits for "first": it must wait in the instance, not be dropped.
        await host.Client.RaiseEventAsync(id, "second", "2");
        await host.WaitForHistoryAsync(id, "EventRaised", "second");
        Assert.AreEqual(OrchestrationStatus.Running, (await host.Client.GetAsync(id))!.Status);
        await host.Client.RaiseEventAsync(id, "first", "1");
        var state = await host.WaitAsync(id);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new[] { "1", "2" }, state.ReadOutputAs<List<string>>());
    }

    public sealed class Collector : Orchestration<int, List<int>>
    {
        public override async Task<List<int>> RunAsync(OrchestrationContext context, int count)
        {
            var items = new List<int>();
            for (var i = 0; i < count; i++)
            {
                items.Add(await context.WaitForExternalEvent<int>("item"));
            }

            return items;
        }
    }

    [TestMethod]
    [DataRow(0, DisplayName = "full replay every episode")]
    [DataRow(10_000, DisplayName = "live orchestration kept in memory")]
    public async Task Events_with_the_same_name_are_delivered_in_the_order_raised(int cacheSize)
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Collector>("Collector"), o => o.OrchestrationCacheSize = cacheSize);
        var id = await host.Client.StartAsync("Collector", 20);

        for (var i = 1; i <= 20; i++)
        {
            await host.Client.RaiseEventAsync(id, "item", i);
        }

        var state = await host.WaitAsync(id);

        CollectionAssert.AreEqual(Enumerable.Range(1, 20).ToList(), state.ReadOutputAs<List<int>>());
    }
}
