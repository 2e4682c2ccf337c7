using Microsoft.DurableTask;

namespace Nightshift.Runtime.Tests.Support;

/// <summary>
/// The orchestrators and activities of the scenarios, written as an SDK user writes them: classes deriving from
/// <see cref="TaskOrchestrator{TInput,TOutput}"/> and <see cref="TaskActivity{TInput,TOutput}"/>, and functions.
/// No <c>ConfigureAwait</c> in orchestrator code: it must continue on the orchestration's scheduler.
/// </summary>
public static class TestTasks
{
    public static void Register(DurableTaskRegistry tasks)
    {
        tasks.AddOrchestrator<Chain>();
        tasks.AddActivity<Append>();
        tasks.AddActivity<Hit>();
        tasks.AddActivityFunc<int, int>("Square", (_, x) => x * x);
        tasks.AddActivityFunc<string, string>("Echo", (_, s) => s);
        tasks.AddActivityFunc<string, string>("Throw", async (_, message) =>
        {
            await Task.CompletedTask;
            throw new InvalidOperationException(message);
        });
        tasks.AddOrchestratorFunc<int, int>("CallSlow", (ctx, ms) => ctx.CallActivityAsync<int>("Slow", ms));
        tasks.AddActivityFunc<int, int>("Slow", async (_, ms) =>
        {
            await Task.Delay(ms);
            return ms;
        });

        tasks.AddActivity("FailWhileBroken", sp => new FailWhileBroken((Probe)sp.GetService(typeof(Probe))!));
        tasks.AddActivity("Flaky", sp => new Flaky((Probe)sp.GetService(typeof(Probe))!));

        tasks.AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
        {
            var squares = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)));
            return squares.Sum();
        });

        tasks.AddOrchestratorFunc<int, string>("Sleep", async (ctx, ms) =>
        {
            var start = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(ms), CancellationToken.None);
            return $"{(ctx.CurrentUtcDateTime - start).TotalMilliseconds:F0}";
        });

        tasks.AddOrchestratorFunc<int, List<string>>("Collect", async (ctx, count) =>
        {
            var items = new List<string>();
            for (var i = 0; i < count; i++)
            {
                items.Add(await ctx.WaitForExternalEvent<string>("item"));
            }

            return items;
        });

        tasks.AddOrchestratorFunc<string, string>("WaitGo", async (ctx, input) =>
        {
            ctx.SetCustomStatus("waiting");
            var go = await ctx.WaitForExternalEvent<string>("go");
            ctx.SetCustomStatus("done");
            return $"{input}:{go}";
        });

        tasks.AddOrchestratorFunc<string, string>("Child", (ctx, input) =>
            Task.FromResult($"{input}|parent={ctx.Parent?.InstanceId}|{ctx.Parent?.Name}"));
        tasks.AddOrchestratorFunc<string, string>("FailingChild", (ctx, message) =>
            Task.FromException<string>(new InvalidOperationException(message)));
        tasks.AddOrchestratorFunc<string, string>("Parent", (ctx, input) => ctx.CallSubOrchestratorAsync<string>("Child", input));
        tasks.AddOrchestratorFunc<string, string>("ParentCatching", async (ctx, message) =>
        {
            try
            {
                await ctx.CallSubOrchestratorAsync<string>("FailingChild", message);
                return "not failed";
            }
            catch (TaskFailedException e)
            {
                return $"{e.FailureDetails.ErrorType}|{e.FailureDetails.ErrorMessage}|{e.FailureDetails.IsCausedBy<InvalidOperationException>()}";
            }
        });
        tasks.AddOrchestratorFunc<string, string>("ParentNotCatching", (ctx, message) => ctx.CallSubOrchestratorAsync<string>("FailingChild", message));

        tasks.AddOrchestratorFunc<int, int>("Loop", async (ctx, n) =>
        {
            var echoed = await ctx.CallActivityAsync<string>("Echo", $"{n}");
            if (n < 1000)
            {
                ctx.ContinueAsNew(int.Parse(echoed, System.Globalization.CultureInfo.InvariantCulture) + 1);
                return -1;
            }

            return n;
        });

        tasks.AddOrchestratorFunc<int, int>("Retrying", (ctx, attempts) =>
            ctx.CallActivityAsync<int>("Flaky", attempts, TaskOptions.FromRetryPolicy(new RetryPolicy(4, TimeSpan.FromMilliseconds(100)))));

        tasks.AddOrchestratorFunc<string, string>("CatchTyped", async (ctx, message) =>
        {
            try
            {
                await ctx.CallActivityAsync<string>("Throw", message);
                return "not failed";
            }
            catch (TaskFailedException e)
            {
                return $"{e.FailureDetails.ErrorType}|{e.FailureDetails.ErrorMessage}|{e.FailureDetails.IsCausedBy<InvalidOperationException>()}";
            }
        });
        tasks.AddOrchestratorFunc<string, string>("NotCatching", (ctx, message) => ctx.CallActivityAsync<string>("Throw", message));
        tasks.AddOrchestratorFunc<string, string>("Throwing", async (ctx, message) =>
        {
            // Thrown, not wrapped, so the failure carries a stack trace.
            await Task.CompletedTask;
            throw new InvalidOperationException(message);
        });

        tasks.AddOrchestratorFunc<string, string>("RewindMe", async (ctx, key) =>
        {
            var first = await ctx.CallActivityAsync<int>("Hit", key + ":first");
            await ctx.CallActivityAsync<string>("FailWhileBroken", key);
            var last = await ctx.CallActivityAsync<int>("Hit", key + ":last");
            return $"{first},{last}";
        });

        tasks.AddOrchestratorFunc<string, string>("CallsMissingActivity", (ctx, _) => ctx.CallActivityAsync<string>("NoSuchActivity", "x"));

        tasks.AddOrchestratorFunc<string, string>("Replaying", async (ctx, _) =>
        {
            var seen = new List<bool> { ctx.IsReplaying };
            await ctx.CreateTimer(TimeSpan.Zero, CancellationToken.None);
            seen.Add(ctx.IsReplaying);
            await ctx.CallActivityAsync<string>("Echo", "x");
            seen.Add(ctx.IsReplaying);
            return string.Join(",", seen);
        });

        tasks.AddOrchestratorFunc<string, string>("Guids", (ctx, _) => Task.FromResult($"{ctx.NewGuid()}"));
        tasks.AddOrchestratorFunc<string, string>("Pick", "1", (ctx, input) => Task.FromResult($"v1:{input}"));
        tasks.AddOrchestratorFunc<string, string>("Pick", "2", (ctx, input) => Task.FromResult($"v2:{input}"));
        tasks.AddActivityFunc<string, string>("PickActivity", "2", (_, input) => Task.FromResult($"activity-v2:{input}"));
        tasks.AddOrchestrator<Kitchen>();
        tasks.AddOrchestratorFunc<string, string>("Fickle", async (ctx, input) =>
        {
            // Deliberately non-deterministic: the first call depends on how often this code ran for the instance,
            // so a replay schedules something other than what the history recorded.
            var runs = FickleRuns.AddOrUpdate(ctx.InstanceId, 1, (_, n) => n + 1);
            var first = await ctx.CallActivityAsync<string>(runs == 1 ? "Echo" : "Throw", input);
            return await ctx.CallActivityAsync<string>("Echo", first);
        });
        tasks.AddOrchestratorFunc<string, string>("Versioned", async (ctx, input) =>
            $"{ctx.Version}:{await ctx.CallActivityAsync<string>("Echo", input)}");
    }

    /// <summary>How often the "Fickle" orchestrator's code ran, per instance.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> FickleRuns = new();

    /// <summary>One of everything a history records: activities in sequence and fanned out, a timer, an event, a child, custom status.</summary>
    public sealed class Kitchen : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var first = await context.CallActivityAsync<string>("Echo", input);
            var squares = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => context.CallActivityAsync<int>("Square", i)));
            context.SetCustomStatus(new { stage = "timer" });
            await context.CreateTimer(TimeSpan.FromMilliseconds(20), CancellationToken.None);
            var go = await context.WaitForExternalEvent<string>("go");
            var child = await context.CallSubOrchestratorAsync<string>("Child", go);
            return $"{first}|{squares.Sum()}|{go}|{child}";
        }
    }

    /// <summary>Appends three suffixes in sequence, one activity each.</summary>
    public sealed class Chain : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var value = input;
            foreach (var suffix in new[] { "a", "b", "c" })
            {
                value = await context.CallActivityAsync<string>(nameof(Append), $"{value}+{suffix}");
            }

            return value;
        }
    }

    /// <summary>Returns its input; reports its scoped service so tests see one scope per run.</summary>
    public sealed class Append(ScopedThing scoped, Probe probe) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input)
        {
            probe.Hit("append-scope:" + scoped.Id);
            return Task.FromResult(input);
        }
    }

    /// <summary>Counts calls per key and returns the count.</summary>
    public sealed class Hit(Probe probe) : TaskActivity<string, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, string input) => Task.FromResult(probe.Hit(input));
    }

    /// <summary>Fails while <see cref="Probe.Broken"/> is set.</summary>
    public sealed class FailWhileBroken(Probe probe) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input)
        {
            probe.Hit(input + ":broken-step");
            return probe.Broken ? throw new InvalidOperationException("still broken") : Task.FromResult(input);
        }
    }

    /// <summary>Fails until it has been called <c>input</c> times for its instance, then returns the number of calls.</summary>
    public sealed class Flaky(Probe probe) : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input)
        {
            var n = probe.Hit("flaky:" + context.InstanceId);
            return n < input ? throw new TimeoutException($"attempt {n} of {input}") : Task.FromResult(n);
        }
    }
}
