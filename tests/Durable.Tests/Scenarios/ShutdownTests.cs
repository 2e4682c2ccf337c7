using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class ShutdownTests
{
    /// <summary>Tells the test it started; the first delivery then runs as the test asked, later ones return at once.</summary>
    public sealed class Reduce(ExecutionLog log, Gate started) : Activity<string, string>
    {
        public override async Task<string> RunAsync(ActivityContext context, string mode)
        {
            var run = log.Increment("Reduce");
            if (context.DeliveryCount == 1)
            {
                _ = started.PassAsync(CancellationToken.None);
                switch (mode)
                {
                    case "finishes":
                        // Ignores the shutdown and simply finishes its work.
                        await Task.Delay(500, CancellationToken.None);
                        break;
                    case "cancellable":
                        await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
                        break;
                }
            }

            return $"run {run}, delivery {context.DeliveryCount}";
        }
    }

    public sealed class Reduction : Orchestration<string, string[]>
    {
        public override async Task<string[]> RunAsync(OrchestrationContext context, string mode)
        {
            var first = await context.CallActivityAsync<string>("Reduce", mode);
            var second = await context.CallActivityAsync<string>("SayHello", "after");
            return [first, second];
        }
    }

    /// <summary>A chain of greetings: many short episodes and activities, so a stop lands in the middle of them.</summary>
    public sealed class Greetings : Orchestration<int, int>
    {
        public override async Task<int> RunAsync(OrchestrationContext context, int count)
        {
            var greeted = 0;
            for (var i = 0; i < count; i++)
            {
                var hello = await context.CallActivityAsync<string>("SayHello", $"n{i}");
                greeted += hello == $"Hello, n{i}!" ? 1 : 0;
            }

            return greeted;
        }
    }

    private static Task<TestHost> StartAsync(TestStore store, ExecutionLog log, Gate gate, TimeSpan shutdownTimeout)
        => TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<Reduction>("Reduction").AddActivity<Reduce>("Reduce").AddActivity<SayHello>("SayHello"),
            o => o.ActivityLeaseTimeout = TimeSpan.FromSeconds(20),
            services: s => s.AddSingleton(log).AddSingleton(gate).Configure<HostOptions>(h => h.ShutdownTimeout = shutdownTimeout));

    [TestMethod]
    public async Task Shutdown_lets_a_running_activity_finish_and_records_its_result()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        var gate = new Gate();
        string id;
        await using (var first = await StartAsync(store, log, gate, TimeSpan.FromSeconds(10)))
        {
            id = await first.Client.StartAsync("Reduction", "finishes");
            await gate.Entered.WaitAsync(TestHost.DefaultTimeout);
            await first.StopAsync();
        }

        // The result was committed before the worker stopped.
        Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events WHERE instance_id = @id AND event_type = 'TaskCompleted'", ("@id", id)));
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_tasks WHERE instance_id = @id", ("@id", id)));

        await using var second = await StartAsync(store, log, new Gate(), TimeSpan.FromSeconds(10));
        var state = await second.WaitAsync(id, TimeSpan.FromSeconds(10));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new[] { "run 1, delivery 1", "Hello, after!" }, state.ReadOutputAs<string[]>());
        Assert.AreEqual(1, log.Count("Reduce"));
    }

    [TestMethod]
    public async Task Shutdown_hands_an_unfinished_activity_back_and_a_new_worker_completes_the_run()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        var gate = new Gate();
        string id;
        await using (var first = await StartAsync(store, log, gate, TimeSpan.FromMilliseconds(300)))
        {
            id = await first.Client.StartAsync("Reduction", "cancellable");
            await gate.Entered.WaitAsync(TestHost.DefaultTimeout);
        }

        // The task is back in the store, visible at once rather than after its 20 s lease.
        var visibleAt = await Sql.ScalarAsync(store.Path, "SELECT visible_at FROM new_tasks WHERE instance_id = @id", ("@id", id));
        Assert.IsNotNull(visibleAt, "the unfinished task must still be in the store");
        Assert.IsNull(await Sql.ScalarAsync(store.Path, "SELECT locked_by FROM new_tasks WHERE instance_id = @id", ("@id", id)), "the lease was handed back");

        await using var second = await StartAsync(store, log, new Gate(), TimeSpan.FromSeconds(10));
        var state = await second.WaitAsync(id, TimeSpan.FromSeconds(10));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new[] { "run 2, delivery 2", "Hello, after!" }, state.ReadOutputAs<string[]>());
        var history = await second.Client.GetHistoryAsync(id);
        Assert.AreEqual(2, history.Count(e => e.EventType == "TaskCompleted"), "one per activity: nothing lost, nothing doubled");
        Assert.AreEqual(1, history.Count(e => e.EventType == "TaskCompleted" && e.Name == "Reduce"));
    }

    [TestMethod]
    public async Task A_busy_worker_stopped_three_times_leaves_no_lock_or_lease_behind_and_the_runs_finish()
    {
        using var store = new TestStore();
        static Task<TestHost> Start(TestStore store) => TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<Greetings>("Greetings").AddActivity<SayHello>("SayHello"),
            o => (o.OrchestrationLockTimeout, o.ActivityLeaseTimeout) = (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

        var ids = new List<string>();
        for (var stop = 1; stop <= 3; stop++)
        {
            await using var host = await Start(store);
            if (ids.Count == 0)
            {
                for (var i = 0; i < 40; i++)
                {
                    ids.Add(await host.Client.StartAsync("Greetings", 12, new StartOrchestrationOptions { InstanceId = $"greet-{i}" }));
                }
            }

            var target = 100L * stop;
            await TestHost.WaitUntilAsync(
                async () => await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM history WHERE event_type = 'TaskCompleted'") >= target,
                $"{target} activities completed");
            await host.StopAsync();

            // With five-minute locks and leases, anything left behind would stall the next worker for minutes.
            Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM instances WHERE locked_by IS NOT NULL"), $"instances locked after stop {stop}");
            Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_tasks WHERE locked_by IS NOT NULL"), $"tasks leased after stop {stop}");
        }

        await using var last = await Start(store);
        foreach (var id in ids)
        {
            var state = await last.WaitAsync(id);
            Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
            Assert.AreEqual(12, state.ReadOutputAs<int>());
        }
    }
}
