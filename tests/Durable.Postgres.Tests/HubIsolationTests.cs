using Nightshift.Durable.Postgres.TestWorker;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Postgres.Tests;

/// <summary>Task hubs let productions share one database: each sees only its own instances, history and work.</summary>
[TestClass]
public sealed class HubIsolationTests
{
    [TestMethod]
    public async Task Two_hubs_in_one_schema_do_not_see_each_others_instances_history_or_work()
    {
        using var store = new TestStore();
        await using var alpha = await HubHost.StartAsync(store.Schema, "alpha", worker: true);
        await using var beta = await HubHost.StartAsync(store.Schema, "beta", worker: true);
        // A hub without a worker: if another hub's worker took its work, its instance would run.
        await using var idle = await HubHost.StartAsync(store.Schema, "idle", worker: false);

        // The same instance ids in every hub: ids are unique per hub, not per database.
        var ids = StampRun.Ids("same", 20);
        await StampRun.StartAllAsync(alpha.Client, ids, delayMs: 0);
        await StampRun.StartAllAsync(beta.Client, ids, delayMs: 0);
        await idle.Client.StartAsync(StampChain.Name, 0, new StartOrchestrationOptions { InstanceId = ids[0] });
        await beta.Client.StartAsync(StampChain.Name, 0, new StartOrchestrationOptions { InstanceId = "only-beta" });

        using var timeout = new CancellationTokenSource(TestHost.DefaultTimeout);
        foreach (var id in ids)
        {
            var a = await alpha.Client.WaitForCompletionAsync(id, timeout.Token);
            var b = await beta.Client.WaitForCompletionAsync(id, timeout.Token);
            // Each hub's activities ran on its own worker: the results carry the hub's stamp.
            CollectionAssert.AreEqual(new[] { $"alpha:{id}/0", $"alpha:{id}/1", $"alpha:{id}/2" }, a.ReadOutputAs<string[]>());
            CollectionAssert.AreEqual(new[] { $"beta:{id}/0", $"beta:{id}/1", $"beta:{id}/2" }, b.ReadOutputAs<string[]>());
        }

        await beta.Client.WaitForCompletionAsync("only-beta", timeout.Token);

        // Instances and queries.
        Assert.IsNull(await alpha.Client.GetAsync("only-beta"));
        Assert.HasCount(20, (await alpha.Client.QueryAsync(new InstanceQuery { PageSize = 100 })).Instances);
        Assert.HasCount(21, (await beta.Client.QueryAsync(new InstanceQuery { PageSize = 100 })).Instances);
        await Assert.ThrowsExactlyAsync<InstanceNotFoundException>(() => alpha.Client.RaiseEventAsync("only-beta", "x", 1));

        // History.
        var alphaHistory = await alpha.Client.GetHistoryAsync(ids[0]);
        var completed = alphaHistory.Where(e => e.EventType == "TaskCompleted").Select(e => e.Payload).ToList();
        CollectionAssert.AreEqual(new[] { $"\"alpha:{ids[0]}/0\"", $"\"alpha:{ids[0]}/1\"", $"\"alpha:{ids[0]}/2\"" }, completed);
        Assert.IsEmpty(await alpha.Client.GetHistoryAsync("only-beta"));

        // Work: nobody ran the idle hub's instance, though two workers polled the same tables all along.
        var waiting = await idle.Client.GetAsync(ids[0]);
        Assert.AreEqual(OrchestrationStatus.Pending, waiting!.Status);
        Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events WHERE hub = 'idle'"));
        Assert.IsEmpty(await idle.Client.GetHistoryAsync(ids[0]));

        // Purging one hub leaves the other alone.
        var purged = await alpha.Client.PurgeAsync(new PurgeFilter());
        Assert.AreEqual(20, purged);
        Assert.HasCount(21, (await beta.Client.QueryAsync(new InstanceQuery { PageSize = 100 })).Instances);
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM history WHERE hub = 'alpha'"));
        Assert.IsGreaterThan(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM history WHERE hub = 'beta'"));
    }
}
