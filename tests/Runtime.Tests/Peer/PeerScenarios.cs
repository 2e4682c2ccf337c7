using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nightshift.Runtime.Tests.Scenarios;
using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Peer;

/// <summary>
/// The orchestration scenarios that DurableTask.SqlServer checks its provider with
/// (durabletask-mssql, test/DurableTask.SqlServer.Tests/Integration/Orchestrations.cs and DataRetentionTests.cs),
/// written again on the SDK model for the Nightshift backends. Each test names the peer scenario it stands for.
/// </summary>
public abstract class PeerScenarios : ScenarioBase
{
    [TestMethod]
    public async Task EmptyOrchestration_returns_its_input()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Child", "hello");
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        Assert.AreEqual("hello|parent=|", result.ReadOutputAs<string>());
        Assert.IsNull(result.Tags is { Count: > 0 } ? result.Tags : null, "no tags when none were given");
    }

    [TestMethod]
    public async Task SingleTimer_delays_completion()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Sleep", 2000);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), result.LastUpdatedAt - result.CreatedAt);
    }

    [TestMethod]
    public async Task IsReplaying_is_true_only_while_replaying()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Replaying", "");
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        // Extended sessions may skip replay entirely, so the first two values may be either; the last is never a replay.
        StringAssert.EndsWith(result.ReadOutputAs<string>(), "False");
    }

    [TestMethod]
    public async Task CurrentDateTimeUtc_follows_the_clock_of_the_episodes()
    {
        await using var host = await StartHostAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var result = await host.RunAsync("Sleep", 100);
        Assert.IsGreaterThanOrEqualTo(100.0, double.Parse(result.ReadOutputAs<string>()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsGreaterThanOrEqualTo(before, result.CreatedAt);
    }

    [TestMethod]
    public async Task SingleActivity_and_ActivityChain()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Chain", "c");
        Assert.AreEqual("c+a+b+c", result.ReadOutputAs<string>());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(5)]
    [DataRow(10)]
    public async Task ActivityChain_in_parallel_instances(int parallelCount)
    {
        await using var host = await StartHostAsync();
        var ids = await Task.WhenAll(Enumerable.Range(0, parallelCount).Select(i => host.StartAsync("Chain", $"p{i}")));
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.AreEqual($"p{i}+a+b+c", (await host.WaitAsync(ids[i])).ReadOutputAs<string>());
        }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public async Task LongRunningActivity_outlives_its_lease_and_runs_once()
    {
        await using var host = await StartHostAsync(o => o.ActivityLeaseTimeout = TimeSpan.FromSeconds(2));
        var result = await host.RunAsync("CallSlow", 5000);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus, result.FailureDetails?.ToString());
        Assert.AreEqual(1L, await Backend.CountAsync("SELECT COUNT(*) FROM history WHERE instance_id = @id AND event_type = 'TaskCompleted'", result.InstanceId));
    }

    [TestMethod]
    public async Task UncaughtOrchestrationException_fails_with_details()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Throwing", "Kah-BOOOOOM!!!");
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.AreEqual("Kah-BOOOOOM!!!", result.FailureDetails!.ErrorMessage);
        Assert.AreEqual(typeof(InvalidOperationException).FullName, result.FailureDetails.ErrorType);
        Assert.IsNotNull(result.FailureDetails.StackTrace);
    }

    [TestMethod]
    public async Task UncaughtActivityException_fails_the_orchestration()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("NotCatching", "Kah-BOOOOOM!!!");
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.AreEqual(typeof(TaskFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.IsNotNull(result.FailureDetails.StackTrace);
    }

    [TestMethod]
    public async Task CatchActivityException_gives_the_original_details()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("CatchTyped", "Kah-BOOOOOM!!!");
        Assert.AreEqual($"{typeof(InvalidOperationException).FullName}|Kah-BOOOOOM!!!|True", result.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task ActivityFanOut_of_many_activities()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("FanOut", 500, timeout: TimeSpan.FromMinutes(2));
        Assert.AreEqual(Enumerable.Range(1, 500).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(100)]
    public async Task ExternalEvents_are_all_received(int eventCount)
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("Collect", eventCount);
        for (var i = 0; i < eventCount; i++)
        {
            await host.Client.RaiseEventAsync(id, "item", $"{i}");
        }

        var result = await host.WaitAsync(id);
        CollectionAssert.AreEqual(Enumerable.Range(0, eventCount).Select(i => $"{i}").ToList(), result.ReadOutputAs<List<string>>());
    }

    [TestMethod]
    public async Task Termination_of_a_running_instance()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("Sleep", 60_000);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        await host.Client.TerminateInstanceAsync(id, "Bye!");
        var result = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.AreEqual("Bye!", result.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task SubOrchestration_returns_its_output()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Parent", "sub", instanceId: "peer-parent");
        Assert.AreEqual("sub|parent=peer-parent|Parent", result.ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task VersionedOrchestration_runs_the_requested_version()
    {
        await using var host = await StartHostAsync();
        var v1 = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pick", "x", new StartOrchestrationOptions { Version = "1" });
        var v2 = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pick", "x", new StartOrchestrationOptions { Version = "2" });
        Assert.AreEqual("v1:x", (await host.WaitAsync(v1)).ReadOutputAs<string>());
        Assert.AreEqual("v2:x", (await host.WaitAsync(v2)).ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task VersionedOrchestration_with_an_unknown_version_fails_instead_of_picking_another()
    {
        await using var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pick", "x", new StartOrchestrationOptions { Version = "3" });
        var result = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        StringAssert.Contains(result.FailureDetails!.ErrorMessage, "Pick");
    }

    [TestMethod]
    public async Task RecreateCompletedInstance_with_the_same_id()
    {
        await using var host = await StartHostAsync();
        var first = await host.RunAsync("Chain", "one", instanceId: "SINGLETON");
        await host.StartAsync("Chain", "two", instanceId: "SINGLETON");
        var second = await host.WaitUntilAsync("SINGLETON", m => m.IsCompleted && m.ReadInputAs<string>() == "two", "second run completes");
        Assert.AreEqual("two+a+b+c", second.ReadOutputAs<string>());
        Assert.AreNotEqual(first.CreatedAt, second.CreatedAt);
    }

    [TestMethod]
    public async Task RecreateRunningInstance_is_refused_when_running_statuses_are_dedupe_statuses()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("Sleep", 30_000, instanceId: "SINGLETON_RUNNING");
        await host.Client.WaitForInstanceStartAsync(id);
        var running = new StartOrchestrationOptions(id) { DedupeStatuses = ["Pending", "Running", "Suspended"] };
        var refused = await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", 1, running));
        StringAssert.Contains(refused.Message, id);

        // Allowed to replace a running instance: the old one is terminated and a new execution takes the id.
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", 1, new StartOrchestrationOptions(id));
        var replaced = await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "replacement completes");
        Assert.AreEqual(1, replaced.ReadInputAs<int>());
    }

    [TestMethod]
    public async Task RetryFailedSubOrchestration_with_a_retry_policy()
    {
        await using var host = await StartHostAsync();
        var result = await host.RunAsync("Retrying", 2);
        Assert.AreEqual(2, result.ReadOutputAs<int>());
    }

    [TestMethod]
    public async Task SuspendAndResumeInstance()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("WaitGo", "s");
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.SuspendInstanceAsync(id, "suspend");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        await host.Client.ResumeInstanceAsync(id, "resume");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running again");
        await host.Client.RaiseEventAsync(id, "go", "x");
        Assert.AreEqual("s:x", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    [TestMethod]
    public async Task TerminateScheduledOrchestration_before_it_starts()
    {
        await using var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "later", new StartOrchestrationOptions { StartAt = DateTimeOffset.UtcNow.AddSeconds(30) });
        await host.Client.TerminateInstanceAsync(id, "never mind");
        var result = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
    }

    [TestMethod]
    public async Task TerminateSuspendedOrchestration()
    {
        await using var host = await StartHostAsync();
        var id = await host.StartAsync("WaitGo", "t");
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.SuspendInstanceAsync(id);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        await host.Client.TerminateInstanceAsync(id, "gone");
        var result = await host.WaitAsync(id);
        Assert.AreEqual(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
    }

    [TestMethod]
    [Ignore("Known gap, listed in PEER.md: the instance row keeps no tags, so the client returns none (they are in the ExecutionStarted history row).")]
    public async Task OrchestrationWithTags_keeps_them()
    {
        await using var host = await StartHostAsync();
        var tags = new Dictionary<string, string> { ["pipeline"] = "lap", ["field"] = "3C196 / ü & \"quoted\"" };
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "t", new StartOrchestrationOptions { Tags = tags });
        var result = await host.WaitAsync(id);
        Assert.IsNotNull(result.Tags);
        Assert.AreEqual("lap", result.Tags["pipeline"]);
        Assert.AreEqual(tags["field"], result.Tags["field"]);
    }

    [TestMethod]
    public async Task PurgesInstancesByStatus()
    {
        await using var host = await StartHostAsync();
        var completed = await host.RunAsync("Chain", "p");
        var failed = await host.RunAsync("Throwing", "p");
        var terminatedId = await host.StartAsync("WaitGo", "p");
        await host.Client.WaitForInstanceStartAsync(terminatedId);
        await host.Client.TerminateInstanceAsync(terminatedId);
        await host.WaitAsync(terminatedId);

        foreach (var (status, id) in new[] { (OrchestrationRuntimeStatus.Completed, completed.InstanceId), (OrchestrationRuntimeStatus.Failed, failed.InstanceId), (OrchestrationRuntimeStatus.Terminated, terminatedId) })
        {
            var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.UtcNow.AddHours(-1), null, [status]));
            Assert.AreEqual(1, result.PurgedInstanceCount, status.ToString());
            Assert.IsNull(await host.Client.GetInstanceAsync(id), status.ToString());
        }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public async Task PurgesMoreThanOneThousandInstances()
    {
        await using var host = await StartHostAsync();
        var ids = new List<string>();
        foreach (var chunk in Enumerable.Range(0, 1100).Chunk(100))
        {
            ids.AddRange(await Task.WhenAll(chunk.Select(i => host.StartAsync("Child", $"{i}", instanceId: $"many-{i:D4}"))));
        }

        foreach (var id in ids)
        {
            await host.WaitAsync(id, TimeSpan.FromMinutes(3));
        }

        var purged = 0;
        while (true)
        {
            var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.UtcNow.AddHours(-1), null, [OrchestrationRuntimeStatus.Completed]));
            purged += result.PurgedInstanceCount;
            if (result.IsComplete != false || result.PurgedInstanceCount == 0)
            {
                break;
            }
        }

        Assert.AreEqual(1100, purged);
        Assert.AreEqual(0L, await Backend.CountAsync("SELECT COUNT(*) FROM instances"));
    }

    [TestMethod]
    public async Task EventsToCompletedOrchestrationAreDiscarded()
    {
        await using var host = await StartHostAsync();
        var done = await host.RunAsync("Chain", "e");
        await host.Client.RaiseEventAsync(done.InstanceId, "late", "ignored");
        var after = await host.WaitUntilAsync(done.InstanceId, m => m.IsCompleted, "still completed");
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        // The late event must not linger as work: a short wait lets the worker drop it.
        await Task.Delay(500);
        Assert.AreEqual(0L, await Backend.CountAsync("SELECT COUNT(*) FROM new_events WHERE instance_id = @id", done.InstanceId));
    }
}
