using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class FanOutTests
{
    public sealed record Result(List<long> Squares, long Sum, long Checksum);

    public sealed class Square : Activity<int, long>
    {
        public override Task<long> RunAsync(ActivityContext context, int input) => Task.FromResult((long)input * input);
    }

    public sealed class Sum : Activity<List<long>, long>
    {
        public override Task<long> RunAsync(ActivityContext context, List<long> input) => Task.FromResult(input.Sum());
    }

    /// <summary>Fans out, fans in, then fans out again on the results: two long stretches of history.</summary>
    public sealed class FanOut(ExecutionLog log) : Orchestration<int, Result>
    {
        public override async Task<Result> RunAsync(OrchestrationContext context, int count)
        {
            // Counts how often the code starts from the top: once when the worker keeps it live, once per episode when it replays.
            log.Increment($"FanOut/{context.InstanceId}/starts");
            var squares = await Task.WhenAll(Enumerable.Range(1, count).Select(i => context.CallActivityAsync<long>("Square", i)));
            var sum = await context.CallActivityAsync<long>("Sum", squares.ToList());
            var second = await Task.WhenAll(squares.Take(count / 5).Select((s, i) => context.CallActivityAsync<long>("Square", (int)(s % 1000) + i)));
            return new Result([.. squares], sum, second.Sum());
        }
    }

    private static async Task<(Result Output, int Starts, int Episodes, TimeSpan Elapsed)> RunAsync(int cacheSize, int count)
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<FanOut>("FanOut").AddActivity<Square>("Square").AddActivity<Sum>("Sum"),
            o => o.OrchestrationCacheSize = cacheSize,
            services: s => s.AddSingleton(log));
        var clock = Stopwatch.StartNew();
        var state = await host.RunAsync("FanOut", count, "fan-out");
        clock.Stop();
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        var history = await host.Client.GetHistoryAsync("fan-out");
        Assert.AreEqual(count + 1 + count / 5, history.Count(e => e.EventType == "TaskCompleted"));
        return (state.ReadOutputAs<Result>()!, log.Count("FanOut/fan-out/starts"), history.Count(e => e.EventType == "OrchestratorStarted"), clock.Elapsed);
    }

    [TestMethod]
    public async Task Fan_out_of_500_gives_the_same_result_with_the_live_cache_and_with_full_replay()
    {
        var cached = await RunAsync(cacheSize: 10_000, count: 500);
        var replayed = await RunAsync(cacheSize: 0, count: 500);

        var expected = Enumerable.Range(1, 500).Select(i => (long)i * i).ToList();
        CollectionAssert.AreEqual(expected, cached.Output.Squares);
        Assert.AreEqual(expected.Sum(), cached.Output.Sum);
        CollectionAssert.AreEqual(cached.Output.Squares, replayed.Output.Squares);
        Assert.AreEqual(cached.Output.Sum, replayed.Output.Sum);
        Assert.AreEqual(cached.Output.Checksum, replayed.Output.Checksum);

        // Kept live, the code started once and every later episode only applied new events; with the cache
        // off, every episode rebuilt it from history.
        Assert.IsGreaterThan(2, cached.Episodes);
        Assert.AreEqual(1, cached.Starts, $"{cached.Episodes} episodes");
        Assert.IsGreaterThan(2, replayed.Episodes);
        Assert.AreEqual(replayed.Episodes, replayed.Starts);
    }

    public sealed class Waiter(ExecutionLog log) : Orchestration<object?, long>
    {
        public override async Task<long> RunAsync(OrchestrationContext context, object? input)
        {
            log.Increment($"Waiter/{context.InstanceId}/starts");
            var first = await context.CallActivityAsync<long>("Square", 3);
            await context.WaitForExternalEvent<string>("go");
            return first + await context.CallActivityAsync<long>("Square", 4);
        }
    }

    [TestMethod]
    public async Task Orchestration_evicted_from_the_cache_is_rebuilt_from_history_and_finishes_the_same()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<Waiter>("Waiter").AddOrchestration<FanOut>("FanOut").AddActivity<Square>("Square").AddActivity<Sum>("Sum"),
            o => o.OrchestrationCacheSize = 1,
            services: s => s.AddSingleton(log));
        await host.Client.StartAsync("Waiter", null, new StartOrchestrationOptions { InstanceId = "waiter" });
        await host.WaitForHistoryAsync("waiter", "TaskCompleted");
        Assert.AreEqual(1, log.Count("Waiter/waiter/starts"));

        // Another instance takes the only cache slot while the first one waits.
        var other = await host.RunAsync("FanOut", 10, "other");
        Assert.AreEqual(OrchestrationStatus.Completed, other.Status, other.Failure?.ToString());
        await host.Client.RaiseEventAsync("waiter", "go", "");
        var state = await host.WaitAsync("waiter");

        Assert.AreEqual(25L, state.ReadOutputAs<long>());
        Assert.AreEqual(2, log.Count("Waiter/waiter/starts"), "rebuilt once from history after the eviction, then kept live");
    }
}
