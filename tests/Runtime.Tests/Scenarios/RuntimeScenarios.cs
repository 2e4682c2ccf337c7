using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Scenarios;

/// <summary>
/// The runtime's scenarios on the SDK programming model, run against each backend by a subclass.
/// </summary>
public abstract class RuntimeScenarios : ScenarioBase
{
    [TestMethod]
    public async Task Activity_chain_runs_in_order_with_a_scope_per_activity()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync(nameof(TestTasks.Chain), "x");
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        Assert.AreEqual("x+a+b+c", result.ReadOutputAs<string>());
        Assert.AreEqual(3, host.Probe.ScopesDisposed, "one DI scope per activity run, disposed after it");
    }

    [TestMethod]
    public async Task Fan_out_and_fan_in_of_100_activities()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("FanOut", 100);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        Assert.AreEqual(Enumerable.Range(1, 100).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [TestMethod]
    public async Task Timer_fires_after_its_delay()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Sleep", 1500);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        Assert.IsGreaterThanOrEqualTo(1500.0, double.Parse(result.ReadOutputAs<string>()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1500), result.LastUpdatedAt - result.CreatedAt);
    }

    [TestMethod]
    public async Task Events_raised_before_and_after_the_wait_arrive_in_order()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("Collect", 4);
        // Two before the orchestrator waits (possibly before it even started), two while it waits.
        await host.Client.RaiseEventAsync(id, "item", "1");
        await host.Client.RaiseEventAsync(id, "item", "2");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        await host.Client.RaiseEventAsync(id, "item", "3");
        await host.Client.RaiseEventAsync(id, "item", "4");
        var result = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        CollectionAssert.AreEqual(new[] { "1", "2", "3", "4" }, result.ReadOutputAs<List<string>>());
    }

    [TestMethod]
    public async Task Sub_orchestration_sees_its_parent_and_returns_its_result()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Parent", "in", instanceId: "parent-1");
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        Assert.AreEqual("in|parent=parent-1|Parent", result.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Sub_orchestration_failure_reaches_the_parent_with_its_details()
    {
        await using var host = await StartHostAsync();
        var caught = await host.RunAsync("ParentCatching", "child broke");
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, caught.RuntimeStatus, caught.FailureDetails?.ToString());
        Assert.AreEqual($"{typeof(InvalidOperationException).FullName}|child broke|True", caught.ReadOutputAs<string>());

        var uncaught = await host.RunAsync("ParentNotCatching", "child broke again");
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, uncaught.RuntimeStatus);
        Assert.IsNotNull(uncaught.FailureDetails);
        StringAssert.Contains(uncaught.FailureDetails.ToString(), "FailingChild");
    }

    [TestMethod]
    [TestCategory("Slow")]
    public async Task Continue_as_new_1000_times_keeps_history_bounded()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Loop", 0, instanceId: "eternal", timeout: TimeSpan.FromMinutes(5));
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        Assert.AreEqual(1000, result.ReadOutputAs<int>());
        var rows = await Backend.CountAsync("SELECT COUNT(*) FROM history WHERE instance_id = @id", "eternal");
        Assert.IsLessThanOrEqualTo(20L, rows, $"history rows of the last generation only, found {rows}");
    }

    [TestMethod]
    public async Task Retry_policy_retries_an_activity_until_it_succeeds()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Retrying", 3);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        Assert.AreEqual(3, result.ReadOutputAs<int>());
    }

    [TestMethod]
    public async Task Retry_policy_gives_up_after_its_attempts()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("Retrying", 10);
        var result = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.AreEqual(4, host.Probe.Calls("flaky:" + id));
    }

    [TestMethod]
    public async Task Activity_failure_is_typed_when_caught_and_fails_the_instance_when_not()
    {
        await using var host = await StartHostAsync();
        var caught = await host.RunAsync("CatchTyped", "bad input");
        Assert.AreEqual($"{typeof(InvalidOperationException).FullName}|bad input|True", caught.ReadOutputAs<string>());

        var uncaught = await host.RunAsync("NotCatching", "bad input");
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, uncaught.RuntimeStatus);
        Assert.AreEqual(typeof(TaskFailedException).FullName, uncaught.FailureDetails!.ErrorType);
        StringAssert.Contains(uncaught.FailureDetails.ErrorMessage, "Throw");

        var thrown = await host.RunAsync("Throwing", "orchestrator broke");
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, thrown.RuntimeStatus);
        Assert.AreEqual(typeof(InvalidOperationException).FullName, thrown.FailureDetails!.ErrorType);
        Assert.AreEqual("orchestrator broke", thrown.FailureDetails.ErrorMessage);
        Assert.IsTrue(thrown.FailureDetails.IsCausedBy<InvalidOperationException>());
    }

    [TestMethod]
    public async Task Custom_status_is_visible_while_running_and_after_completion()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("WaitGo", "in");
        var running = await host.WaitUntilAsync(id, m => m.SerializedCustomStatus is not null, "custom status set");
        Assert.AreEqual("waiting", running.ReadCustomStatusAs<string>());
        await host.Client.RaiseEventAsync(id, "go", "now");
        var done = await host.WaitAsync(id);
        Assert.AreEqual("in:now", done.ReadOutputAs<string>());
        Assert.AreEqual("done", done.ReadCustomStatusAs<string>());
    }

    [TestMethod]
    public async Task Suspended_instance_keeps_its_events_until_resumed()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("WaitGo", "in");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        await host.Client.SuspendInstanceAsync(id, "pause");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        await host.Client.RaiseEventAsync(id, "go", "later");

        // The event must not complete a suspended instance; give the worker a few polls to prove it does not.
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(750)))
        {
            await Assert.ThrowsAsync<OperationCanceledException>(() => host.Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token));
        }

        Assert.AreEqual(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Client.ResumeInstanceAsync(id, "go on");
        var done = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus, done.FailureDetails?.ToString());
        Assert.AreEqual("in:later", done.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Terminate_ends_a_waiting_instance_with_the_given_output()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("WaitGo", "in");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        await host.Client.TerminateInstanceAsync(id, "stopped by test");
        var done = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.AreEqual("stopped by test", done.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Purge_removes_finished_instances_and_refuses_running_ones()
    {
        await using var host = await StartHostAsync();
        var done = await host.RunAsync("FanOut", 3);
        var running = await host.StartAsync("WaitGo", "in");
        await host.WaitUntilAsync(running, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.PurgeInstanceAsync(running));
        var purged = await host.Client.PurgeInstanceAsync(done.InstanceId);
        Assert.AreEqual(1, purged.PurgedInstanceCount);
        Assert.IsNull(await host.Client.GetInstanceAsync(done.InstanceId));
        Assert.AreEqual(0L, await Backend.CountAsync("SELECT COUNT(*) FROM history WHERE instance_id = @id", done.InstanceId));
        Assert.AreEqual(0, (await host.Client.PurgeInstanceAsync("no-such-instance")).PurgedInstanceCount);
    }

    [TestMethod]
    public async Task Purge_all_by_status_and_time_keeps_what_the_filter_excludes()
    {
        await using var host = await StartHostAsync();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 3; i++)
        {
            await host.RunAsync("FanOut", 2, instanceId: $"ok-{i}");
        }

        var failed = await host.RunAsync("Throwing", "x", instanceId: "failed-0");
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(since, DateTimeOffset.UtcNow.AddMinutes(1), [OrchestrationRuntimeStatus.Completed]));
        Assert.AreEqual(3, result.PurgedInstanceCount);
        Assert.IsNotNull(await host.Client.GetInstanceAsync("failed-0"));
        Assert.IsNull(await host.Client.GetInstanceAsync("ok-1"));

        var none = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(since.AddDays(-2), since.AddDays(-1)));
        Assert.AreEqual(0, none.PurgedInstanceCount);
        Assert.IsNotNull(await host.Client.GetInstanceAsync("failed-0"));
    }

    [TestMethod]
    public async Task Query_pages_through_instances_with_continuation_tokens()
    {
        await using var host = await StartHostAsync();
        for (var i = 0; i < 7; i++)
        {
            await host.RunAsync("FanOut", 1, instanceId: $"paged-{i}");
        }

        await host.RunAsync("FanOut", 1, instanceId: "other");
        var query = new OrchestrationQuery { InstanceIdPrefix = "paged-", PageSize = 3, FetchInputsAndOutputs = true };
        var pages = new List<int>();
        var seen = new HashSet<string>();
        await foreach (var page in host.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages.Add(page.Values.Count);
            foreach (var instance in page.Values)
            {
                Assert.IsTrue(seen.Add(instance.InstanceId), $"{instance.InstanceId} came twice");
                Assert.IsNotNull(instance.SerializedInput);
            }
        }

        Assert.AreEqual(7, seen.Count);
        Assert.IsTrue(pages.All(n => n <= 3), "page sizes " + string.Join(",", pages));

        var completed = 0;
        await foreach (var _ in host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }))
        {
            completed++;
        }

        Assert.AreEqual(8, completed);
    }

    [TestMethod]
    public async Task Get_instance_reads_inputs_and_outputs_only_when_asked()
    {
        await using var host = await StartHostAsync();
        var done = await host.RunAsync("Chain", "in");
        var bare = await host.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: false);
        Assert.IsNotNull(bare);
        Assert.IsNull(bare.SerializedInput);
        Assert.IsNull(bare.SerializedOutput);
        var full = await host.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: true);
        Assert.AreEqual("in", full!.ReadInputAs<string>());
        Assert.AreEqual("in+a+b+c", full.ReadOutputAs<string>());
        Assert.AreEqual("Chain", full.Name);
        Assert.IsLessThanOrEqualTo(full.LastUpdatedAt, full.CreatedAt);
        Assert.IsNull(await host.Client.GetInstanceAsync("no-such-instance"));
    }

    [TestMethod]
    public async Task Wait_for_completion_honours_cancellation()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("WaitGo", "in");
        var started = await host.Client.WaitForInstanceStartAsync(id);
        Assert.AreNotEqual(OrchestrationRuntimeStatus.Pending, started.RuntimeStatus);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<OperationCanceledException>(() => host.Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token));
    }

    [TestMethod]
    public async Task Scheduled_start_stays_pending_until_its_time()
    {
        await using var host = await StartHostAsync();
        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "late", new StartOrchestrationOptions { StartAt = at });
        Assert.AreEqual(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        var done = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus, done.FailureDetails?.ToString());
        Assert.IsGreaterThanOrEqualTo(at.AddMilliseconds(-50), done.LastUpdatedAt);
    }

    [TestMethod]
    public async Task Dedupe_statuses_block_reuse_of_a_completed_instance_id()
    {
        await using var host = await StartHostAsync();
        await host.RunAsync("Chain", "first", instanceId: "singleton");
        await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "second", new StartOrchestrationOptions("singleton") { DedupeStatuses = ["Completed"] }));

        // Without dedupe statuses the id is reused.
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "third", new StartOrchestrationOptions("singleton"));
        var done = await host.WaitUntilAsync("singleton", m => m.IsCompleted && m.ReadInputAs<string>() == "third", "the third run completes");
        Assert.AreEqual("third+a+b+c", done.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Rewind_reruns_only_the_failed_step()
    {
        await using var host = await StartHostAsync();
        host.Probe.Broken = true;
        var failed = await host.RunAsync("RewindMe", "r1", instanceId: "rewind-1");
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.AreEqual(1, host.Probe.Calls("r1:first"));

        host.Probe.Broken = false;
        await host.Client.RewindInstanceAsync("rewind-1", "fixed");
        var done = await host.WaitUntilAsync("rewind-1", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "completed after rewind");
        Assert.AreEqual("1,1", done.ReadOutputAs<string>());
        Assert.AreEqual(1, host.Probe.Calls("r1:first"), "the recorded success is reused, not run again");
        var history = await host.Client.GetOrchestrationHistoryAsync("rewind-1");
        Assert.AreEqual(0, host.Probe.Calls(":broken-step"), "the rewound activity ran with no input");
        Assert.AreEqual(2, host.Probe.Calls("r1:broken-step"), "history after rewind: " + string.Join(", ", history.Select(e => e switch
        {
            TaskCompletedEvent c => $"TaskCompleted(task {c.TaskScheduledId}: {c.Result})",
            GenericEvent g => $"GenericEvent({g.Data})",
            _ => $"{e.EventType}#{e.EventId}",
        })));
    }

    [TestMethod]
    public async Task Restart_runs_again_with_the_same_input_under_the_same_or_a_new_id()
    {
        await using var host = await StartHostAsync();
        var first = await host.RunAsync("Chain", "again", instanceId: "restart-1");
        var sameId = await host.Client.RestartAsync("restart-1", restartWithNewInstanceId: false);
        Assert.AreEqual("restart-1", sameId);
        var newId = await host.Client.RestartAsync("restart-1", restartWithNewInstanceId: true);
        Assert.AreNotEqual("restart-1", newId);
        var second = await host.WaitAsync(newId);
        Assert.AreEqual(first.ReadOutputAs<string>(), second.ReadOutputAs<string>());
        var third = await host.WaitUntilAsync("restart-1", m => m.IsCompleted && m.CreatedAt > first.CreatedAt, "restarted run completes");
        Assert.AreEqual("again+a+b+c", third.ReadOutputAs<string>());
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.RestartAsync("no-such-instance"));
    }

    [TestMethod]
    public async Task History_lists_the_execution_from_start_to_completion()
    {
        await using var host = await StartHostAsync();
        var done = await host.RunAsync("Chain", "h");
        var history = await host.Client.GetOrchestrationHistoryAsync(done.InstanceId);
        // DurableTask.Core's history opens each episode with OrchestratorStarted, so the execution starts second.
        Assert.IsInstanceOfType<OrchestratorStartedEvent>(history[0]);
        Assert.IsInstanceOfType<ExecutionStartedEvent>(history[1]);
        Assert.IsInstanceOfType<ExecutionCompletedEvent>(history.Last(e => e is not OrchestratorCompletedEvent));
        Assert.AreEqual(3, history.OfType<TaskScheduledEvent>().Count());
        Assert.AreEqual(3, history.OfType<TaskCompletedEvent>().Count());
    }

    [TestMethod]
    public async Task Unknown_orchestrator_fails_its_instance_and_others_keep_running()
    {
        await using var host = await StartHostAsync();
        var missing = await host.StartAsync("NoSuchOrchestrator", "x", instanceId: "lost-1");
        var fine = await host.RunAsync("Chain", "fine");
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, fine.RuntimeStatus);
        var failed = await host.WaitAsync(missing);
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        StringAssert.Contains(failed.FailureDetails!.ErrorMessage, "lost-1");
        StringAssert.Contains(failed.FailureDetails.ErrorMessage, "NoSuchOrchestrator");
    }

    [TestMethod]
    public async Task Unknown_activity_fails_its_instance_with_a_message_naming_it()
    {
        await using var host = await StartHostAsync();
        var failed = await host.RunAsync("CallsMissingActivity", "x", instanceId: "lost-2");
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        var text = failed.FailureDetails!.ToString() + failed.FailureDetails.InnerFailure?.ErrorMessage;
        StringAssert.Contains(text, "NoSuchActivity");
    }

    [TestMethod]
    public async Task Versioned_start_falls_back_to_unversioned_orchestrator_and_activity()
    {
        await using var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Versioned", "v", new StartOrchestrationOptions { Version = "7" });
        var done = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus, done.FailureDetails?.ToString());
        Assert.AreEqual("7:v", done.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Worker_stops_gracefully_and_a_new_worker_finishes_the_instance()
    {
        var probe = new Probe();
        string id;
        await using (var first = await StartHostAsync(probe: probe))
        {
            id = await first.StartAsync("Chain", "stop");
            await first.StopAsync();
        }

        await using var second = await StartHostAsync(probe: probe);
        var done = await second.WaitAsync(id);
        Assert.AreEqual("stop+a+b+c", done.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Client_without_a_worker_enqueues_and_a_worker_runs_it_later()
    {
        string id;
        await using (var client = await StartHostAsync(startWorker: false))
        {
            id = await client.StartAsync("Chain", "queued");
            Assert.AreEqual(OrchestrationRuntimeStatus.Pending, (await client.Client.GetInstanceAsync(id))!.RuntimeStatus);
        }

        await using var worker = await StartHostAsync();
        Assert.AreEqual("queued+a+b+c", (await worker.WaitAsync(id)).ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task Message_delivered_more_often_than_allowed_fails_the_instance_with_the_reason()
    {
        // A start message whose episodes kept dying (here: its delivery count set as if they had) is poison: the
        // instance fails with a reason naming it, instead of the worker taking it again forever.
        await using (var client = await StartHostAsync(startWorker: false))
        {
            await client.StartAsync("Chain", "x", "poisoned");
        }

        await Backend.CountAsync("UPDATE new_events SET dequeue_count = 50 WHERE instance_id = @id", "poisoned");
        await using var host = await StartHostAsync(o => o.MaxDeliveryCount = 5);
        var state = await host.WaitAsync("poisoned");

        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        StringAssert.Contains(state.FailureDetails!.ErrorType, "PoisonMessageException");
        StringAssert.Contains(state.FailureDetails.ErrorMessage, "ExecutionStarted message was delivered 51 times");
        Assert.AreEqual(0L, await Backend.CountAsync("SELECT COUNT(*) FROM new_events WHERE instance_id = @id", "poisoned"), "the poison message is consumed");
    }
}
