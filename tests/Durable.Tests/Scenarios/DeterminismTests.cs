using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class DeterminismTests
{
    public sealed record Observed(Guid Before, Guid After, DateTime TimeBefore, DateTime TimeAfter, string EchoedBefore, string EchoedAfter);

    public sealed class Echo : Activity<string, string>
    {
        public override Task<string> RunAsync(ActivityContext context, string input) => Task.FromResult(input);
    }

    /// <summary>
    /// Generates GUIDs and reads the clock around activities. The values it returns at the end are computed
    /// by the last episode; with the cache off that episode replays everything before it.
    /// </summary>
    public sealed class GuidsAndClock(ExecutionLog log) : Orchestration<object?, Observed>
    {
        public override async Task<Observed> RunAsync(OrchestrationContext context, object? input)
        {
            log.Record("A", context.IsReplaying);
            context.Logger.LogWarning("before the first activity");
            var before = context.NewGuid();
            var timeBefore = context.CurrentUtcDateTime;
            var echoedBefore = await context.CallActivityAsync<string>("Echo", before.ToString());

            log.Record("B", context.IsReplaying);
            context.Logger.LogWarning("between the activities");
            var after = context.NewGuid();
            var timeAfter = context.CurrentUtcDateTime;
            var echoedAfter = await context.CallActivityAsync<string>("Echo", after.ToString());

            log.Record("C", context.IsReplaying);
            context.Logger.LogWarning("after the second activity");
            return new Observed(before, after, timeBefore, timeAfter, echoedBefore, echoedAfter);
        }
    }

    private static async Task<(OrchestrationState State, IReadOnlyList<HistoryEventRecord> History, ExecutionLog Log, CountingLoggerProvider Logs)> RunGuidsAndClockAsync(int cacheSize)
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        var logs = new CountingLoggerProvider();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<GuidsAndClock>("GuidsAndClock").AddActivity<Echo>("Echo"),
            o => o.OrchestrationCacheSize = cacheSize,
            services: s => s.AddSingleton(log).AddSingleton<ILoggerProvider>(logs));
        var state = await host.RunAsync("GuidsAndClock");
        var history = await host.Client.GetHistoryAsync(state.InstanceId);
        return (state, history, log, logs);
    }

    [TestMethod]
    [DataRow(0, DisplayName = "full replay every episode")]
    [DataRow(10_000, DisplayName = "live orchestration kept in memory")]
    public async Task NewGuid_and_CurrentUtcDateTime_are_the_same_on_replay(int cacheSize)
    {
        var (state, history, _, _) = await RunGuidsAndClockAsync(cacheSize);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        var observed = state.ReadOutputAs<Observed>()!;

        // What the first episodes sent to the activities was generated live; the output was computed
        // (with the cache off: replayed) in the last episode. They must agree.
        var scheduled = history.Where(e => e.EventType == "TaskScheduled").ToList();
        Assert.HasCount(2, scheduled);
        Assert.AreEqual($"\"{observed.Before}\"", scheduled[0].Payload);
        Assert.AreEqual($"\"{observed.After}\"", scheduled[1].Payload);
        Assert.AreEqual(observed.Before.ToString(), observed.EchoedBefore);
        Assert.AreEqual(observed.After.ToString(), observed.EchoedAfter);
        Assert.AreNotEqual(observed.Before, observed.After);
        Assert.AreEqual(5, observed.Before.Version, "a name-based (v5) UUID");

        // The clock is the start time of the episode that ran the code, as recorded in history.
        var episodeStarts = history.Where(e => e.EventType == "OrchestratorStarted").Select(e => e.Timestamp).ToList();
        Assert.HasCount(3, episodeStarts);
        Assert.AreEqual(episodeStarts[0], observed.TimeBefore);
        Assert.AreEqual(episodeStarts[1], observed.TimeAfter);
        Assert.IsGreaterThan(observed.TimeBefore, observed.TimeAfter);
        Assert.AreEqual(DateTimeKind.Utc, observed.TimeBefore.Kind);
    }

    [TestMethod]
    public async Task NewGuid_differs_between_instances()
    {
        var first = (await RunGuidsAndClockAsync(0)).State.ReadOutputAs<Observed>()!;
        var second = (await RunGuidsAndClockAsync(0)).State.ReadOutputAs<Observed>()!;

        Assert.AreNotEqual(first.Before, second.Before);
    }

    [TestMethod]
    public async Task IsReplaying_is_true_only_while_replaying_and_the_logger_drops_replayed_lines()
    {
        var (state, _, log, logs) = await RunGuidsAndClockAsync(0);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());

        // Three episodes, each a full replay: the code before the first await runs three times, and only
        // the first of them is live.
        CollectionAssert.AreEqual(new[] { "False", "True", "True" }, log.Values("A").ToArray());
        CollectionAssert.AreEqual(new[] { "False", "True" }, log.Values("B").ToArray());
        CollectionAssert.AreEqual(new[] { "False" }, log.Values("C").ToArray());

        // Each line reaches the real logger once, however often the code ran.
        CollectionAssert.AreEqual(
            new[] { "before the first activity", "between the activities", "after the second activity" },
            logs.Messages(typeof(GuidsAndClock).FullName!.Replace('+', '.')).ToArray());
    }

    [TestMethod]
    public async Task Without_replay_the_code_runs_once_and_IsReplaying_stays_false()
    {
        var (state, _, log, logs) = await RunGuidsAndClockAsync(10_000);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new[] { "False" }, log.Values("A").ToArray());
        CollectionAssert.AreEqual(new[] { "False" }, log.Values("B").ToArray());
        CollectionAssert.AreEqual(new[] { "False" }, log.Values("C").ToArray());
        Assert.HasCount(3, logs.Messages(typeof(GuidsAndClock).FullName!.Replace('+', '.')));
    }

    public sealed record SchedulerView(bool OnOwnScheduler, int MaximumConcurrencyLevel, bool NoSynchronizationContext);

    public sealed class SchedulerProbe : Orchestration<object?, SchedulerView>
    {
        public override async Task<SchedulerView> RunAsync(OrchestrationContext context, object? input)
        {
            await Task.WhenAll(
                context.CallActivityAsync<string>("Echo", "a"),
                context.CallActivityAsync<string>("Echo", "b"));

            // After the await: where did the continuation run?
            return new SchedulerView(
                TaskScheduler.Current != TaskScheduler.Default,
                TaskScheduler.Current.MaximumConcurrencyLevel,
                SynchronizationContext.Current is null);
        }
    }

    [TestMethod]
    public async Task Orchestration_code_runs_on_a_single_threaded_scheduler_of_its_own()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<SchedulerProbe>("SchedulerProbe").AddActivity<Echo>("Echo"));

        var state = await host.RunAsync("SchedulerProbe");

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        var view = state.ReadOutputAs<SchedulerView>()!;
        Assert.IsTrue(view.OnOwnScheduler, "continuations must not run on the thread pool scheduler");
        Assert.AreEqual(1, view.MaximumConcurrencyLevel);
        Assert.IsTrue(view.NoSynchronizationContext);
    }
}
