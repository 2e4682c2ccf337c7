using Microsoft.Extensions.DependencyInjection;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class ClientTests
{
    public sealed record Stage(string Name, int Step);

    /// <summary>Waits for "open", showing where it is through its custom status; returns its input and the event.</summary>
    public sealed class Gatekeeper : Orchestration<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            context.SetCustomStatus(new Stage("waiting", 1));
            var key = await context.WaitForExternalEvent<string>("open");
            context.SetCustomStatus(new Stage("done", 2));
            return $"{input}:{key}";
        }
    }

    private static Task<TestHost> StartGatekeeperHostAsync(TestStore store, bool startWorker = true)
        => TestHost.StartAsync(store.Path, b => b.AddOrchestration<Gatekeeper>("Gatekeeper"), startWorker: startWorker);

    [TestMethod]
    public async Task Custom_status_is_visible_while_running_and_after_completion()
    {
        using var store = new TestStore();
        await using var host = await StartGatekeeperHostAsync(store);
        var id = await host.Client.StartAsync("Gatekeeper", "in");

        await TestHost.WaitUntilAsync(async () => (await host.Client.GetAsync(id))?.CustomStatus is not null, "the custom status is set");
        var running = await host.Client.GetAsync(id);
        Assert.AreEqual(OrchestrationStatus.Running, running!.Status);
        Assert.AreEqual(new Stage("waiting", 1), running.ReadCustomStatusAs<Stage>());

        await host.Client.RaiseEventAsync(id, "open", "key");
        var done = await host.WaitAsync(id);
        Assert.AreEqual(new Stage("done", 2), done.ReadCustomStatusAs<Stage>());
        Assert.AreEqual("in:key", done.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Start_with_a_taken_id_follows_the_id_reuse_policy()
    {
        using var store = new TestStore();
        await using var host = await StartGatekeeperHostAsync(store);
        await host.Client.StartAsync("Gatekeeper", "first", new StartOrchestrationOptions { InstanceId = "dup" });
        await host.WaitForStatusAsync("dup", OrchestrationStatus.Running);
        var firstExecution = (await host.Client.GetAsync("dup"))!.ExecutionId;

        // Throw: refused, whatever the status.
        var refused = await Assert.ThrowsExactlyAsync<InstanceAlreadyExistsException>(
            () => host.Client.StartAsync("Gatekeeper", "second", new StartOrchestrationOptions { InstanceId = "dup", IdReusePolicy = InstanceIdReusePolicy.Throw }));
        Assert.AreEqual("dup", refused.InstanceId);
        Assert.AreEqual(OrchestrationStatus.Running, refused.Status);

        // ReturnExisting: attaches to the running instance and changes nothing.
        var attached = await host.Client.StartAsync("Gatekeeper", "third", new StartOrchestrationOptions { InstanceId = "dup", IdReusePolicy = InstanceIdReusePolicy.ReturnExisting });
        Assert.AreEqual("dup", attached);
        var unchanged = await host.Client.GetAsync("dup");
        Assert.AreEqual("\"first\"", unchanged!.Input);
        Assert.AreEqual(firstExecution, unchanged.ExecutionId);

        // ReplaceIfTerminal: refused while the instance runs.
        await Assert.ThrowsExactlyAsync<InstanceAlreadyExistsException>(
            () => host.Client.StartAsync("Gatekeeper", "fourth", new StartOrchestrationOptions { InstanceId = "dup", IdReusePolicy = InstanceIdReusePolicy.ReplaceIfTerminal }));

        await host.Client.RaiseEventAsync("dup", "open", "1");
        Assert.AreEqual("first:1", (await host.WaitAsync("dup")).ReadOutputAs<string>());

        // Throw still refuses a finished instance; ReplaceIfTerminal now replaces it with a fresh run.
        await Assert.ThrowsExactlyAsync<InstanceAlreadyExistsException>(
            () => host.Client.StartAsync("Gatekeeper", "fifth", new StartOrchestrationOptions { InstanceId = "dup" }));
        await host.Client.StartAsync("Gatekeeper", "sixth", new StartOrchestrationOptions { InstanceId = "dup", IdReusePolicy = InstanceIdReusePolicy.ReplaceIfTerminal });
        await host.WaitForStatusAsync("dup", OrchestrationStatus.Running);
        await host.Client.RaiseEventAsync("dup", "open", "2");
        var replaced = await host.WaitAsync("dup");
        Assert.AreEqual("sixth:2", replaced.ReadOutputAs<string>());
        Assert.AreNotEqual(firstExecution, replaced.ExecutionId);
        var history = await host.Client.GetHistoryAsync("dup");
        Assert.IsTrue(history.All(e => e.ExecutionId == replaced.ExecutionId), "the replaced run's history is gone");
        Assert.AreEqual(1, history.Count(e => e.EventType == "EventRaised"));
    }

    public sealed class Parent : Orchestration<object?, string[]>
    {
        public override Task<string[]> RunAsync(OrchestrationContext context, object? input)
            => Task.WhenAll(
                context.CallSubOrchestrationAsync<string>("Gatekeeper", "c1", $"{context.InstanceId}-child-1"),
                context.CallSubOrchestrationAsync<string>("Gatekeeper", "c2", $"{context.InstanceId}-child-2"));
    }

    [TestMethod]
    public async Task Terminate_stops_an_instance_and_with_recursive_its_children_too()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Parent>("Parent").AddOrchestration<Gatekeeper>("Gatekeeper"));
        foreach (var id in new[] { "deep", "shallow" })
        {
            await host.Client.StartAsync("Parent", null, new StartOrchestrationOptions { InstanceId = id });
            await host.WaitForStatusAsync($"{id}-child-1", OrchestrationStatus.Running);
            await host.WaitForStatusAsync($"{id}-child-2", OrchestrationStatus.Running);
        }

        await host.Client.TerminateAsync("deep", "operator stop", recursive: true);
        await host.Client.TerminateAsync("shallow", "operator stop");

        var deep = await host.WaitAsync("deep");
        Assert.AreEqual(OrchestrationStatus.Terminated, deep.Status);
        Assert.AreEqual("\"operator stop\"", deep.Output);
        Assert.AreEqual(OrchestrationStatus.Terminated, (await host.WaitAsync("deep-child-1")).Status);
        Assert.AreEqual(OrchestrationStatus.Terminated, (await host.WaitAsync("deep-child-2")).Status);
        var history = await host.Client.GetHistoryAsync("deep");
        Assert.AreEqual(1, history.Count(e => e.EventType == "ExecutionTerminated"));

        Assert.AreEqual(OrchestrationStatus.Terminated, (await host.WaitAsync("shallow")).Status);
        Assert.AreEqual(OrchestrationStatus.Running, (await host.Client.GetAsync("shallow-child-1"))!.Status, "without recursive the children run on");

        // A child left running still finishes normally; its answer to the terminated parent is dropped.
        await host.Client.RaiseEventAsync("shallow-child-1", "open", "late");
        Assert.AreEqual("c1:late", (await host.WaitAsync("shallow-child-1")).ReadOutputAs<string>());
        Assert.AreEqual(OrchestrationStatus.Terminated, (await host.Client.GetAsync("shallow"))!.Status);
    }

    public sealed class CatchesTermination : Orchestration<object?, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, object? input)
        {
            try
            {
                return await context.CallSubOrchestrationAsync<string>("Gatekeeper", "child", $"{context.InstanceId}-child");
            }
            catch (SubOrchestrationFailedException e)
            {
                return e.FailureDetails.ErrorMessage;
            }
        }
    }

    [TestMethod]
    public async Task Terminated_child_fails_the_call_in_its_parent()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<CatchesTermination>("CatchesTermination").AddOrchestration<Gatekeeper>("Gatekeeper"));
        await host.Client.StartAsync("CatchesTermination", null, new StartOrchestrationOptions { InstanceId = "caller" });
        await host.WaitForStatusAsync("caller-child", OrchestrationStatus.Running);

        await host.Client.TerminateAsync("caller-child", "not needed");
        var state = await host.WaitAsync("caller");

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        Assert.AreEqual("Instance 'caller-child' was terminated: not needed.", state.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Event_raised_on_a_finished_instance_changes_nothing()
    {
        using var store = new TestStore();
        await using var host = await StartGatekeeperHostAsync(store);
        var id = await host.Client.StartAsync("Gatekeeper", "done");
        await host.Client.RaiseEventAsync(id, "open", "1");
        var before = await host.WaitAsync(id);

        await host.Client.RaiseEventAsync(id, "open", "2");
        await host.Client.SuspendAsync(id);
        await TestHost.WaitUntilAsync(async () => await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events WHERE instance_id = @id", ("@id", id)) == 0, "the late messages are consumed");

        var after = await host.Client.GetAsync(id);
        Assert.AreEqual(OrchestrationStatus.Completed, after!.Status);
        Assert.AreEqual(before.Output, after.Output);
        Assert.AreEqual(before.CompletedAt, after.CompletedAt);
        Assert.AreEqual(before.CustomStatus, after.CustomStatus);
    }

    [TestMethod]
    public async Task Suspended_instance_does_not_progress_until_resumed()
    {
        using var store = new TestStore();
        await using var host = await StartGatekeeperHostAsync(store);
        var id = await host.Client.StartAsync("Gatekeeper", "paused");
        await host.WaitForStatusAsync(id, OrchestrationStatus.Running);

        await host.Client.SuspendAsync(id, "maintenance");
        await host.WaitForStatusAsync(id, OrchestrationStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "open", "now");

        // A second instance going through the same steps shows that the worker was busy meanwhile.
        var control = await host.Client.StartAsync("Gatekeeper", "control");
        await host.WaitForStatusAsync(control, OrchestrationStatus.Running);
        await host.Client.RaiseEventAsync(control, "open", "now");
        await host.WaitAsync(control);

        var suspended = await host.Client.GetAsync(id);
        Assert.AreEqual(OrchestrationStatus.Suspended, suspended!.Status);
        var history = await host.Client.GetHistoryAsync(id);
        Assert.AreEqual(0, history.Count(e => e.EventType == "EventRaised"), "the event waits while the instance is suspended");
        Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events WHERE instance_id = @id AND event_type = 'EventRaised'", ("@id", id)));

        await host.Client.ResumeAsync(id, "done");
        var state = await host.WaitAsync(id);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        Assert.AreEqual("paused:now", state.ReadOutputAs<string>());
        var types = (await host.Client.GetHistoryAsync(id)).Select(e => e.EventType).ToList();
        Assert.IsLessThan(types.IndexOf("ExecutionResumed"), types.IndexOf("ExecutionSuspended"));
        Assert.IsLessThan(types.IndexOf("EventRaised"), types.IndexOf("ExecutionResumed"));
    }

    [TestMethod]
    public async Task Suspend_delivered_together_with_an_event_holds_the_event_back()
    {
        using var store = new TestStore();
        string id;
        await using (var client = await StartGatekeeperHostAsync(store, startWorker: false))
        {
            // All three messages wait for the first episode: start, suspend, then the event.
            id = await client.Client.StartAsync("Gatekeeper", "paused");
            await client.Client.SuspendAsync(id);
            await client.Client.RaiseEventAsync(id, "open", "early");
        }

        await using var host = await StartGatekeeperHostAsync(store);
        await host.WaitForStatusAsync(id, OrchestrationStatus.Suspended);
        var control = await host.Client.StartAsync("Gatekeeper", "control");
        await host.Client.RaiseEventAsync(control, "open", "now");
        await host.WaitAsync(control);

        Assert.AreEqual(OrchestrationStatus.Suspended, (await host.Client.GetAsync(id))!.Status);
        await host.Client.ResumeAsync(id);
        var state = await host.WaitAsync(id);
        Assert.AreEqual("paused:early", state.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Instance_suspended_before_its_start_time_does_not_start_until_resumed()
    {
        using var store = new TestStore();
        await using var host = await StartGatekeeperHostAsync(store);
        // Far enough ahead that the suspension lands first even on a loaded machine (300 ms did not, under CI).
        var startAt = DateTime.UtcNow.AddSeconds(3);
        var id = await host.Client.StartAsync("Gatekeeper", "later", new StartOrchestrationOptions { StartAt = startAt });

        await host.Client.SuspendAsync(id);
        await host.WaitForStatusAsync(id, OrchestrationStatus.Suspended);
        await TestHost.WaitUntilAsync(() => Task.FromResult(DateTime.UtcNow > startAt), "the start time has passed");
        var control = await host.Client.StartAsync("Gatekeeper", "control");
        await host.Client.RaiseEventAsync(control, "open", "now");
        await host.WaitAsync(control);

        Assert.AreEqual(OrchestrationStatus.Suspended, (await host.Client.GetAsync(id))!.Status);
        Assert.AreEqual(0, (await host.Client.GetHistoryAsync(id)).Count(e => e.EventType == "ExecutionStarted"));

        await host.Client.ResumeAsync(id);
        await host.Client.RaiseEventAsync(id, "open", "k");
        Assert.AreEqual("later:k", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    public sealed class Step(ExecutionLog log) : Activity<string, string>
    {
        public override Task<string> RunAsync(ActivityContext context, string input)
        {
            log.Increment($"Step/{input}");
            return Task.FromResult(input.ToUpperInvariant());
        }
    }

    /// <summary>Fails the first time it runs for an input (a flag in a singleton), then succeeds.</summary>
    public sealed class FailsFirstTime(ExecutionLog log) : Activity<string, string>
    {
        public override Task<string> RunAsync(ActivityContext context, string input)
            => log.Increment($"FailsFirstTime/{input}") == 1
                ? throw new IOException($"disk full while writing {input}")
                : Task.FromResult(input.ToUpperInvariant());
    }

    public sealed class Pipeline : Orchestration<string, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, string input)
        {
            var results = new List<string>
            {
                await context.CallActivityAsync<string>("Step", $"{input}-a"),
            };
            results.AddRange(await Task.WhenAll(
                context.CallActivityAsync<string>("Step", $"{input}-b1"),
                context.CallActivityAsync<string>("Step", $"{input}-b2")));
            await context.CreateTimer(TimeSpan.FromMilliseconds(10));
            results.Add(await context.CallActivityAsync<string>("FailsFirstTime", $"{input}-c"));
            results.Add(await context.CallActivityAsync<string>("Step", $"{input}-d"));
            return results;
        }
    }

    public sealed class PipelineOfPipelines : Orchestration<object?, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, object? input)
        {
            var first = await context.CallActivityAsync<string>("Step", "top");
            var child = await context.CallSubOrchestrationAsync<List<string>>("Pipeline", "sub", $"{context.InstanceId}-sub");
            return [first, .. child];
        }
    }

    private static Task<TestHost> StartPipelineHostAsync(TestStore store, ExecutionLog log)
        => TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<Pipeline>("Pipeline").AddOrchestration<PipelineOfPipelines>("PipelineOfPipelines")
                .AddActivity<Step>("Step").AddActivity<FailsFirstTime>("FailsFirstTime"),
            services: s => s.AddSingleton(log));

    [TestMethod]
    public async Task Restart_keeps_successful_steps()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await StartPipelineHostAsync(store, log);
        var failed = await host.RunAsync("Pipeline", "p");
        Assert.AreEqual(OrchestrationStatus.Failed, failed.Status);
        Assert.IsTrue(failed.Failure!.IsCausedBy<IOException>());

        await Assert.ThrowsAsync<NightshiftException>(() => host.Client.RestartAsync("no-such-instance"));
        await host.Client.RestartAsync(failed.InstanceId, "disk cleaned");
        var state = await host.WaitAsync(failed.InstanceId);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new[] { "P-A", "P-B1", "P-B2", "P-C", "P-D" }, state.ReadOutputAs<List<string>>());
        Assert.AreNotEqual(failed.ExecutionId, state.ExecutionId);
        foreach (var step in new[] { "p-a", "p-b1", "p-b2", "p-d" })
        {
            Assert.AreEqual(1, log.Count($"Step/{step}"), $"step {step} ran again after the restart");
        }

        Assert.AreEqual(2, log.Count("FailsFirstTime/p-c"), "only the failed step runs again");

        // A restart of an instance that did not fail is refused.
        var refused = await Assert.ThrowsAsync<NightshiftException>(() => host.Client.RestartAsync(failed.InstanceId));
        Assert.Contains("Completed", refused.Message);
    }

    [TestMethod]
    public async Task Restart_of_a_parent_restarts_its_failed_child_keeping_the_childs_successful_steps()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await StartPipelineHostAsync(store, log);
        var failed = await host.RunAsync("PipelineOfPipelines", instanceId: "outer");
        Assert.AreEqual(OrchestrationStatus.Failed, failed.Status);
        Assert.AreEqual(OrchestrationStatus.Failed, (await host.Client.GetAsync("outer-sub"))!.Status);

        await host.Client.RestartAsync("outer");
        var state = await host.WaitAsync("outer");

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new[] { "TOP", "SUB-A", "SUB-B1", "SUB-B2", "SUB-C", "SUB-D" }, state.ReadOutputAs<List<string>>());
        Assert.AreEqual(1, log.Count("Step/top"));
        Assert.AreEqual(1, log.Count("Step/sub-a"));
        Assert.AreEqual(1, log.Count("Step/sub-b1"));
        Assert.AreEqual(2, log.Count("FailsFirstTime/sub-c"));
        Assert.AreEqual(OrchestrationStatus.Completed, (await host.Client.GetAsync("outer-sub"))!.Status);
    }

    public sealed class WaitThenFail : Orchestration<object?, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, object? input)
        {
            var key = await context.WaitForExternalEvent<string>("key");
            return await context.CallActivityAsync<string>("FailsFirstTime", key);
        }
    }

    [TestMethod]
    public async Task Restart_delivers_the_events_the_failed_execution_had_received()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<WaitThenFail>("WaitThenFail").AddActivity<FailsFirstTime>("FailsFirstTime"),
            services: s => s.AddSingleton(log));
        var id = await host.Client.StartAsync("WaitThenFail");
        await host.Client.RaiseEventAsync(id, "key", "k1");
        Assert.AreEqual(OrchestrationStatus.Failed, (await host.WaitAsync(id)).Status);

        await host.Client.RestartAsync(id);
        var state = await host.WaitAsync(id);

        Assert.AreEqual("K1", state.ReadOutputAs<string>(), state.Failure?.ToString());
        Assert.AreEqual(2, log.Count("FailsFirstTime/k1"));
    }

    public sealed class ChildThenFail : Orchestration<object?, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, object? input)
        {
            var child = await context.CallSubOrchestrationAsync<string>("Echo", "from the child", $"{context.InstanceId}-child");
            return $"{child}, {await context.CallActivityAsync<string>("FailsFirstTime", "after")}";
        }
    }

    [TestMethod]
    public async Task Restart_reuses_a_completed_child_instead_of_running_it_again()
    {
        using var store = new TestStore();
        var log = new ExecutionLog();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<ChildThenFail>("ChildThenFail").AddOrchestration<Echo>("Echo").AddActivity<FailsFirstTime>("FailsFirstTime"),
            services: s => s.AddSingleton(log));
        Assert.AreEqual(OrchestrationStatus.Failed, (await host.RunAsync("ChildThenFail", instanceId: "cf")).Status);
        var child = await host.Client.GetAsync("cf-child");

        await host.Client.RestartAsync("cf");
        var state = await host.WaitAsync("cf");

        Assert.AreEqual("from the child, AFTER", state.ReadOutputAs<string>(), state.Failure?.ToString());
        var childAfter = await host.Client.GetAsync("cf-child");
        Assert.AreEqual(child!.ExecutionId, childAfter!.ExecutionId, "the child did not run again");
        Assert.AreEqual(child.CompletedAt, childAfter.CompletedAt);
    }

    public sealed class Echo : Orchestration<string, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, string input) => Task.FromResult(input);
    }

    [TestMethod]
    public async Task Purge_by_id_deletes_a_finished_instance_with_its_rows_and_refuses_a_running_one()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Echo>("Echo").AddOrchestration<Gatekeeper>("Gatekeeper"));
        var done = await host.RunAsync("Echo", "x", "done");
        var running = await host.Client.StartAsync("Gatekeeper", "y", new StartOrchestrationOptions { InstanceId = "running" });
        await host.WaitForStatusAsync(running, OrchestrationStatus.Running);

        Assert.IsFalse(await host.Client.PurgeAsync("running"));
        Assert.IsFalse(await host.Client.PurgeAsync("missing"));
        Assert.IsTrue(await host.Client.PurgeAsync(done.InstanceId));

        Assert.IsNull(await host.Client.GetAsync("done"));
        Assert.IsEmpty(await host.Client.GetHistoryAsync("done"));
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT (SELECT COUNT(*) FROM history WHERE instance_id = 'done') + (SELECT COUNT(*) FROM new_events WHERE instance_id = 'done')"));
        Assert.IsNotNull(await host.Client.GetAsync("running"));
    }

    [TestMethod]
    public async Task Purge_in_batches_by_prefix_and_completed_before_leaves_everything_else()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Echo>("Echo").AddOrchestration<Gatekeeper>("Gatekeeper"));
        for (var i = 0; i < 7; i++)
        {
            await host.RunAsync("Echo", "x", $"old-{i}");
        }

        var cutoff = DateTime.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await host.RunAsync("Echo", "x", $"new-{i}");
        }

        await host.Client.StartAsync("Gatekeeper", "y", new StartOrchestrationOptions { InstanceId = "old-running" });
        await host.WaitForStatusAsync("old-running", OrchestrationStatus.Running);

        // Completed before the cutoff, three per transaction: the seven old ones, not the new ones nor the running one.
        Assert.AreEqual(7, await host.Client.PurgeAsync(new PurgeFilter { CompletedBefore = cutoff, BatchSize = 3 }));
        var left = await host.Client.QueryAsync(new InstanceQuery());
        CollectionAssert.AreEquivalent(new[] { "new-0", "new-1", "new-2", "old-running" }, left.Instances.Select(i => i.InstanceId).ToList());

        // By prefix, one per transaction; a running instance is never purged.
        Assert.AreEqual(0, await host.Client.PurgeAsync(new PurgeFilter { InstanceIdPrefix = "old-", BatchSize = 1 }));
        Assert.AreEqual(3, await host.Client.PurgeAsync(new PurgeFilter { InstanceIdPrefix = "new-", BatchSize = 1 }));
        var last = await host.Client.QueryAsync(new InstanceQuery());
        Assert.AreEqual("old-running", last.Instances.Single().InstanceId);
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM history WHERE instance_id <> 'old-running'"));
    }

    [TestMethod]
    public async Task Query_filters_by_status_name_created_time_and_prefix_with_paging()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Echo>("Echo").AddOrchestration<Gatekeeper>("Gatekeeper"));
        for (var i = 0; i < 4; i++)
        {
            await host.RunAsync("Echo", "x", $"night1/echo-{i}");
        }

        for (var i = 0; i < 2; i++)
        {
            await host.Client.StartAsync("Gatekeeper", "x", new StartOrchestrationOptions { InstanceId = $"night1/gate-{i}" });
        }

        var between = DateTime.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await host.RunAsync("Echo", "x", $"night2/echo-{i}");
        }

        await host.WaitForStatusAsync("night1/gate-1", OrchestrationStatus.Running);

        async Task<List<string>> Ids(InstanceQuery query) => (await host.Client.QueryAsync(query)).Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(new[] { "night1/gate-0", "night1/gate-1" }, await Ids(new InstanceQuery { Statuses = [OrchestrationStatus.Running] }));
        Assert.HasCount(7, await Ids(new InstanceQuery { Statuses = [OrchestrationStatus.Completed, OrchestrationStatus.Failed] }));
        Assert.HasCount(7, await Ids(new InstanceQuery { Name = "Echo" }));
        CollectionAssert.AreEqual(new[] { "night1/echo-0", "night1/echo-1", "night1/echo-2", "night1/echo-3" }, await Ids(new InstanceQuery { Name = "Echo", InstanceIdPrefix = "night1/" }));
        CollectionAssert.AreEqual(new[] { "night2/echo-0", "night2/echo-1", "night2/echo-2" }, await Ids(new InstanceQuery { CreatedFrom = between }));
        Assert.HasCount(6, await Ids(new InstanceQuery { CreatedTo = between }));
        Assert.IsEmpty(await Ids(new InstanceQuery { InstanceIdPrefix = "night3" }));

        // Pages of 4, newest first, each instance exactly once.
        var seen = new List<OrchestrationState>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.Client.QueryAsync(new InstanceQuery { PageSize = 4, ContinuationToken = token });
            Assert.IsLessThanOrEqualTo(4, page.Instances.Count);
            seen.AddRange(page.Instances);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.AreEqual(3, pages);
        Assert.HasCount(9, seen);
        Assert.AreEqual(9, seen.Select(s => s.InstanceId).Distinct().Count());
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.IsLessThanOrEqualTo(seen[i - 1].CreatedAt, seen[i].CreatedAt, "newest first");
        }
    }

    [TestMethod]
    public async Task Operations_on_a_missing_instance_say_so()
    {
        using var store = new TestStore();
        await using var host = await StartGatekeeperHostAsync(store, startWorker: false);

        var raise = await Assert.ThrowsExactlyAsync<InstanceNotFoundException>(() => host.Client.RaiseEventAsync("ghost", "open"));
        Assert.AreEqual("ghost", raise.InstanceId);
        await Assert.ThrowsExactlyAsync<InstanceNotFoundException>(() => host.Client.WaitForCompletionAsync("ghost"));
        await Assert.ThrowsExactlyAsync<InstanceNotFoundException>(() => host.Client.TerminateAsync("ghost"));
        Assert.IsNull(await host.Client.GetAsync("ghost"));
        Assert.IsEmpty(await host.Client.GetHistoryAsync("ghost"));
    }

    [TestMethod]
    public async Task WaitForCompletion_returns_the_final_state_and_honours_cancellation()
    {
        using var store = new TestStore();
        await using var host = await StartGatekeeperHostAsync(store);
        var id = await host.Client.StartAsync("Gatekeeper", "w");

        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAsync<OperationCanceledException>(() => host.Client.WaitForCompletionAsync(id, cts.Token));
        }

        var waiting = host.Client.WaitForCompletionAsync(id);
        await host.Client.RaiseEventAsync(id, "open", "k");
        var state = await waiting.WaitAsync(TestHost.DefaultTimeout);
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status);
        Assert.AreEqual("w:k", state.ReadOutputAs<string>());
        Assert.IsNotNull(state.CompletedAt);
    }
}
