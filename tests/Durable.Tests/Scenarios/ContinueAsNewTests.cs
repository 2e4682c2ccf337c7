using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Tests.Support;
using Nightshift.Durable.Worker;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class ContinueAsNewTests
{
    public sealed record Progress(int Iteration, int Until, int Checked);

    /// <summary>An eternal monitor: check, record, continue as new with the next iteration.</summary>
    public sealed class Monitor : Orchestration<Progress, Progress>
    {
        public override async Task<Progress> RunAsync(OrchestrationContext context, Progress input)
        {
            // Every tenth round does real work, so executions with activities are continued too.
            var checkedNow = input.Iteration % 10 == 0 ? await context.CallActivityAsync<int>("Check", input.Iteration) : 0;
            var next = input with { Iteration = input.Iteration + 1, Checked = input.Checked + checkedNow };
            context.SetCustomStatus(next.Iteration);
            if (next.Iteration >= input.Until)
            {
                return next;
            }

            context.ContinueAsNew(next);
            return input;
        }
    }

    public sealed class Check : Activity<int, int>
    {
        public override Task<int> RunAsync(ActivityContext context, int input) => Task.FromResult(1);
    }

    [TestMethod]
    public async Task Eternal_loop_of_1000_iterations_keeps_a_bounded_history()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Monitor>("Monitor").AddActivity<Check>("Check"));
        var id = await host.Client.StartAsync("Monitor", new Progress(0, 1000, 0));

        // Sample the history table while the loop runs, as an operator would.
        var maxRows = 0L;
        var samples = 0;
        var clock = Stopwatch.StartNew();
        OrchestrationState? state = null;
        while (clock.Elapsed < TestHost.DefaultTimeout)
        {
            maxRows = Math.Max(maxRows, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM history WHERE instance_id = @id", ("@id", id)));
            samples++;
            state = await host.Client.GetAsync(id);
            if (state!.Status != OrchestrationStatus.Running && state.Status != OrchestrationStatus.Pending)
            {
                break;
            }

            await Task.Delay(10);
        }

        Assert.AreEqual(OrchestrationStatus.Completed, state?.Status, state?.Failure?.ToString());
        var output = state!.ReadOutputAs<Progress>()!;
        Assert.AreEqual(1000, output.Iteration);
        Assert.AreEqual(100, output.Checked, "every tenth iteration ran its activity once");
        Assert.AreEqual("1000", state.CustomStatus);
        Assert.IsGreaterThan(5, samples);
        Assert.IsLessThan(20L, maxRows, "history rows of the instance at any time");

        // Only the last execution's history is kept, and no message or task is left behind.
        var history = await host.Client.GetHistoryAsync(id);
        Assert.IsLessThan(20, history.Count);
        Assert.AreEqual(1, history.Select(e => e.ExecutionId).Distinct().Count());
        Assert.AreEqual(state.ExecutionId, history[0].ExecutionId);
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events WHERE instance_id = @id", ("@id", id)));
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_tasks WHERE instance_id = @id", ("@id", id)));
    }

    public sealed class Accumulator : Orchestration<List<string>, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, List<string> seen)
        {
            var next = await context.WaitForExternalEvent<string>("add");
            List<string> all = [.. seen, next];
            if (next == "stop")
            {
                return all;
            }

            context.ContinueAsNew(all);
            return all;
        }
    }

    [TestMethod]
    public async Task Events_raised_across_ContinueAsNew_are_all_delivered_in_order()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Accumulator>("Accumulator"));
        var id = await host.Client.StartAsync("Accumulator", new List<string>());

        // Several events may land in one execution's episode: the ones it does not take move to the next execution.
        foreach (var word in new[] { "a", "b", "c", "d", "stop" })
        {
            await host.Client.RaiseEventAsync(id, "add", word);
        }

        var state = await host.WaitAsync(id);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new[] { "a", "b", "c", "d", "stop" }, state.ReadOutputAs<List<string>>());
    }

    [TestMethod]
    public async Task Event_raised_while_an_execution_continues_as_new_keeps_its_place_in_line()
    {
        using var store = new TestStore();
        string id;
        await using (var client = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Accumulator>("Accumulator"), startWorker: false))
        {
            id = await client.Client.StartAsync("Accumulator", new List<string>());
            await client.Client.RaiseEventAsync(id, "add", "a");
            await client.Client.RaiseEventAsync(id, "add", "b");

            // One episode, run by hand so that "c" is raised after its messages were taken and before it commits:
            // it takes "a" and continues as new, so "b" (taken) and "c" (still in the store) go to the next execution.
            var item = await client.Store.LockNextOrchestrationAsync("by-hand", TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.HasCount(3, item!.Messages);
            await client.Client.RaiseEventAsync(id, "add", "c");
            var runner = new EpisodeRunner(
                client.Store,
                client.Services.GetRequiredService<DurableRegistry>(),
                client.Services,
                NullLoggerFactory.Instance,
                new OrchestrationCache(0),
                maxDeliveryCount: 10);
            var (commit, _) = await runner.RunAsync(item, DateTime.UtcNow, CancellationToken.None);
            await client.Store.CommitEpisodeAsync(item, commit, CancellationToken.None);
            await client.Client.RaiseEventAsync(id, "add", "stop");
        }

        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Accumulator>("Accumulator"));
        var state = await host.WaitAsync(id);

        CollectionAssert.AreEqual(new[] { "a", "b", "c", "stop" }, state.ReadOutputAs<List<string>>());
    }

    public sealed class Countdown : Orchestration<int, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, int remaining)
        {
            if (remaining == 0)
            {
                return $"{context.InstanceId} done, child of {context.ParentInstanceId}";
            }

            await context.CreateTimer(TimeSpan.Zero);
            context.ContinueAsNew(remaining - 1);
            return "";
        }
    }

    public sealed class WaitsForCountdown : Orchestration<object?, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, object? input)
            => context.CallSubOrchestrationAsync<string>("Countdown", 3, "countdown");
    }

    [TestMethod]
    public async Task Child_that_continues_as_new_answers_its_parent_when_it_finally_completes()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<WaitsForCountdown>("WaitsForCountdown").AddOrchestration<Countdown>("Countdown"));

        var state = await host.RunAsync("WaitsForCountdown", instanceId: "waiting-parent");

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        Assert.AreEqual("countdown done, child of waiting-parent", state.ReadOutputAs<string>());
        Assert.AreEqual("0", (await host.Client.GetAsync("countdown"))!.Input, "the instance row shows the last execution's input");
    }
}
