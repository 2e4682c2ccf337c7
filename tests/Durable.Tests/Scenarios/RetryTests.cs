using Microsoft.Extensions.DependencyInjection;
using Nightshift.Durable.Engine;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class RetryTests
{
    /// <summary>What an activity should do: fail its first <see cref="FailTimes"/> calls with the named exception.</summary>
    public sealed record Plan(int FailTimes, string Exception);

    public sealed class Unreliable(ExecutionLog log) : Activity<Plan, string>
    {
        public override Task<string> RunAsync(ActivityContext context, Plan input)
        {
            var attempt = log.Increment($"{context.InstanceId}/Unreliable");
            if (attempt <= input.FailTimes)
            {
                Fail(input.Exception, attempt);
            }

            return Task.FromResult($"succeeded on attempt {attempt}");
        }

        // A named frame, so the test can find it in the recorded stack trace.
        private static void Fail(string exception, int attempt) => throw (exception switch
        {
            nameof(TimeoutException) => new TimeoutException($"attempt {attempt} timed out"),
            nameof(ArgumentException) => new ArgumentException($"attempt {attempt} got a bad argument"),
            _ => (Exception)new InvalidOperationException($"attempt {attempt} failed"),
        });
    }

    public sealed record Outcome(string? Result, string? CaughtType, string? ErrorType, string? ErrorMessage, string? StackTrace, string? Name, int TaskId);

    public sealed record Call(Plan Plan, RetryChoice Retry);

    public enum RetryChoice
    {
        None,
        Backoff,
        Timeout,
        OnlyTimeouts,
    }

    public sealed class Caller : Orchestration<Call, Outcome>
    {
        public override async Task<Outcome> RunAsync(OrchestrationContext context, Call input)
        {
            var retry = input.Retry switch
            {
                // Waits of 100, 200, then 300 ms (400 capped).
                RetryChoice.Backoff => new RetryPolicy(4, TimeSpan.FromMilliseconds(100)) { BackoffCoefficient = 2, MaxRetryInterval = TimeSpan.FromMilliseconds(300) },
                // Every wait is 200 ms, but no attempt may start more than 1 s after the first: at most 6 attempts of 20.
                RetryChoice.Timeout => new RetryPolicy(20, TimeSpan.FromMilliseconds(200)) { RetryTimeout = TimeSpan.FromSeconds(1) },
                RetryChoice.OnlyTimeouts => new RetryPolicy(5, TimeSpan.FromMilliseconds(10)) { Handle = f => f.IsCausedBy<TimeoutException>() },
                _ => null,
            };
            try
            {
                return new Outcome(await context.CallActivityAsync<string>("Unreliable", input.Plan, retry), null, null, null, null, null, -1);
            }
            catch (TaskFailedException e)
            {
                return new Outcome(null, e.GetType().FullName, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, e.FailureDetails.StackTrace, e.Name, e.TaskId);
            }
        }
    }

    private static Task<TestHost> StartAsync(TestStore store, ExecutionLog log, int cacheSize = 10_000)
        => TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<Caller>("Caller").AddActivity<Unreliable>("Unreliable"),
            o => o.OrchestrationCacheSize = cacheSize,
            services: s => s.AddSingleton(log));

    [TestMethod]
    public async Task Activity_failure_reaches_the_orchestration_with_type_message_and_stack()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await StartAsync(store, log);

        var state = await host.RunAsync("Caller", new Call(new Plan(1, nameof(InvalidOperationException)), RetryChoice.None));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        var outcome = state.ReadOutputAs<Outcome>()!;
        Assert.IsNull(outcome.Result);
        Assert.AreEqual(typeof(TaskFailedException).FullName, outcome.CaughtType);
        Assert.AreEqual(typeof(InvalidOperationException).FullName, outcome.ErrorType);
        Assert.AreEqual("attempt 1 failed", outcome.ErrorMessage);
        Assert.IsNotNull(outcome.StackTrace);
        Assert.Contains("Unreliable.Fail", outcome.StackTrace);
        Assert.AreEqual("Unreliable", outcome.Name);
        Assert.AreEqual(0, outcome.TaskId);
        Assert.AreEqual(1, log.Count($"{state.InstanceId}/Unreliable"));
    }

    [TestMethod]
    public async Task Uncaught_activity_failure_fails_the_orchestration_keeping_the_cause()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<Uncaught>("Uncaught").AddActivity<Unreliable>("Unreliable"),
            services: s => s.AddSingleton(log));

        var state = await host.RunAsync("Uncaught");

        Assert.AreEqual(OrchestrationStatus.Failed, state.Status);
        Assert.AreEqual(typeof(TaskFailedException).FullName, state.Failure!.ErrorType);
        Assert.AreEqual(typeof(ArgumentException).FullName, state.Failure.InnerFailure?.ErrorType);
        Assert.IsTrue(state.Failure.IsCausedBy<ArgumentException>());
        Assert.Contains("attempt 1 got a bad argument", state.Failure.Summary);
        var history = await host.Client.GetHistoryAsync(state.InstanceId);
        Assert.AreEqual("ExecutionFailed", history[^1].EventType);
    }

    public sealed class Uncaught : Orchestration<object?, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, object? input)
            => context.CallActivityAsync<string>("Unreliable", new Plan(1, nameof(ArgumentException)));
    }

    [TestMethod]
    public async Task Retries_back_off_with_durable_timers_up_to_max_attempts()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await StartAsync(store, log);

        var state = await host.RunAsync("Caller", new Call(new Plan(10, nameof(InvalidOperationException)), RetryChoice.Backoff));

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        var outcome = state.ReadOutputAs<Outcome>()!;
        Assert.AreEqual("attempt 4 failed", outcome.ErrorMessage, "the last attempt's failure is the one reported");
        Assert.AreEqual(4, log.Count($"{state.InstanceId}/Unreliable"));

        // History: attempt, failure, timer, ... with the timers' waits growing and capped.
        var history = await host.LoadHistoryAsync(state.InstanceId);
        var steps = history.Where(e => e.Type is EventType.TaskScheduled or EventType.TaskFailed or EventType.TimerCreated or EventType.TimerFired)
            .Select(e => e.Type.ToString()).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                "TaskScheduled", "TaskFailed", "TimerCreated", "TimerFired",
                "TaskScheduled", "TaskFailed", "TimerCreated", "TimerFired",
                "TaskScheduled", "TaskFailed", "TimerCreated", "TimerFired",
                "TaskScheduled", "TaskFailed",
            },
            steps);
        CollectionAssert.AreEqual(new[] { 100.0, 200.0, 300.0 }, TimerWaits(history).Select(w => w.TotalMilliseconds).ToArray());
    }

    [TestMethod]
    [DataRow(0, DisplayName = "full replay every episode")]
    [DataRow(10_000, DisplayName = "live orchestration kept in memory")]
    public async Task Retry_that_succeeds_returns_the_result_of_the_successful_attempt(int cacheSize)
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await StartAsync(store, log, cacheSize);

        var state = await host.RunAsync("Caller", new Call(new Plan(2, nameof(TimeoutException)), RetryChoice.OnlyTimeouts));

        Assert.AreEqual("succeeded on attempt 3", state.ReadOutputAs<Outcome>()!.Result);
        Assert.AreEqual(3, log.Count($"{state.InstanceId}/Unreliable"));
        var history = await host.Client.GetHistoryAsync(state.InstanceId);
        Assert.AreEqual(2, history.Count(e => e.EventType == "TimerFired"));
    }

    [TestMethod]
    public async Task Failure_that_the_predicate_rejects_is_not_retried()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await StartAsync(store, log);

        var state = await host.RunAsync("Caller", new Call(new Plan(10, nameof(ArgumentException)), RetryChoice.OnlyTimeouts));

        var outcome = state.ReadOutputAs<Outcome>()!;
        Assert.AreEqual(typeof(ArgumentException).FullName, outcome.ErrorType);
        Assert.AreEqual(1, log.Count($"{state.InstanceId}/Unreliable"));
        var history = await host.Client.GetHistoryAsync(state.InstanceId);
        Assert.AreEqual(0, history.Count(e => e.EventType == "TimerCreated"));
        Assert.AreEqual(1, history.Count(e => e.EventType == "TaskScheduled"));
    }

    [TestMethod]
    public async Task Retry_timeout_stops_retrying_before_max_attempts()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await StartAsync(store, log);

        var state = await host.RunAsync("Caller", new Call(new Plan(10, nameof(InvalidOperationException)), RetryChoice.Timeout));

        var outcome = state.ReadOutputAs<Outcome>()!;
        Assert.AreEqual(typeof(InvalidOperationException).FullName, outcome.ErrorType);
        var attempts = log.Count($"{state.InstanceId}/Unreliable");
        Assert.IsInRange(2, 6, attempts);

        // No retry was scheduled to start later than the timeout after the first attempt.
        var history = await host.LoadHistoryAsync(state.InstanceId);
        var firstAttempt = EpisodeStartOf(history, history.First(e => e.Type == EventType.TaskScheduled));
        var timers = history.Where(e => e.Type == EventType.TimerCreated).ToList();
        Assert.HasCount(attempts - 1, timers);
        foreach (var timer in timers)
        {
            Assert.IsLessThanOrEqualTo(firstAttempt + TimeSpan.FromSeconds(1), timer.Details!.FireAt!.Value);
        }
    }

    /// <summary>Each TimerCreated's wait: its fire time minus the start of the episode that created it.</summary>
    private static List<TimeSpan> TimerWaits(IReadOnlyList<HistoryEvent> history)
        => history.Where(e => e.Type == EventType.TimerCreated).Select(t => t.Details!.FireAt!.Value - EpisodeStartOf(history, t)).ToList();

    private static DateTime EpisodeStartOf(IReadOnlyList<HistoryEvent> history, HistoryEvent e)
    {
        var index = history.ToList().IndexOf(e);
        return history.Take(index).Last(h => h.Type == EventType.OrchestratorStarted).Timestamp;
    }
}
