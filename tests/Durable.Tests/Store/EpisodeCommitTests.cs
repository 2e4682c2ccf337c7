using Nightshift.Durable.Storage;
using Nightshift.Durable.Sqlite;
using Nightshift.Durable.Storage.Sql;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Store;

/// <summary>An episode's effect is one transaction, guarded by the instance lock: all of it lands or none of it.</summary>
[TestClass]
public sealed class EpisodeCommitTests
{
    private static NewInstance Instance(string id, DateTime now)
    {
        var execution = $"{id}-exec";
        return new NewInstance
        {
            InstanceId = id,
            ExecutionId = execution,
            Name = "Manual",
            Input = "\"in\"",
            CreatedAt = now,
            VisibleAt = now,
            StartEvent = new HistoryEvent { Type = EventType.ExecutionStarted, Name = "Manual", Payload = "\"in\"", Timestamp = now, Details = new EventDetails { ExecutionId = execution } },
        };
    }

    /// <summary>What a first episode of a one-activity, one-timer orchestration would write.</summary>
    private static EpisodeCommit FirstEpisode(OrchestrationWorkItem item, DateTime now) => new()
    {
        NewHistory =
        [
            new HistoryEvent { Type = EventType.OrchestratorStarted, Timestamp = now },
            item.Messages[0].Event,
            new HistoryEvent { Type = EventType.TaskScheduled, TaskId = 0, Name = "Work", Payload = "1", Timestamp = now },
            new HistoryEvent { Type = EventType.TimerCreated, TaskId = 1, Timestamp = now, Details = new EventDetails { FireAt = now.AddHours(1) } },
        ],
        NewTasks = [new NewTask(item.InstanceId, item.ExecutionId, 0, "Work", "1")],
        NewMessages =
        [
            new OrchestrationMessage
            {
                InstanceId = item.InstanceId,
                ExecutionId = item.ExecutionId,
                VisibleAt = now.AddHours(1),
                Event = new HistoryEvent { Type = EventType.TimerFired, TaskId = 1, Timestamp = now, Details = new EventDetails { FireAt = now.AddHours(1) } },
            },
        ],
        ConsumedMessageIds = [.. item.Messages.Select(m => m.Id)],
        Status = OrchestrationStatus.Running,
        CustomStatus = "\"started\"",
        Now = now,
    };

    private static async Task<(long History, long Tasks, long Events, string Status, long Episode)> RowsAsync(string path, string id)
        => (await Sql.CountAsync(path, "SELECT COUNT(*) FROM history WHERE instance_id = @id", ("@id", id)),
            await Sql.CountAsync(path, "SELECT COUNT(*) FROM new_tasks WHERE instance_id = @id", ("@id", id)),
            await Sql.CountAsync(path, "SELECT COUNT(*) FROM new_events WHERE instance_id = @id", ("@id", id)),
            (string)(await Sql.ScalarAsync(path, "SELECT status FROM instances WHERE instance_id = @id", ("@id", id)))!,
            await Sql.CountAsync(path, "SELECT episode FROM instances WHERE instance_id = @id", ("@id", id)));

    [TestMethod]
    public async Task Episode_whose_lock_was_taken_over_writes_nothing_and_the_new_owner_writes_everything()
    {
        using var store = new TestStore();
        await using var durable = new SqlDurableStore(new SqliteDialect(store.Path), "default");
        var now = DateTime.UtcNow;
        await durable.CreateInstancesAsync([(Instance("x", now), InstanceIdReusePolicy.Throw)], CancellationToken.None);

        // A slow worker locks the instance, its lock expires, and another worker takes the instance over.
        var slow = await durable.LockNextOrchestrationAsync("slow", TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.IsNotNull(slow);
        Assert.IsNull(await durable.LockNextOrchestrationAsync("fast", TimeSpan.FromSeconds(30), CancellationToken.None), "locked instances are not handed out twice");
        await Task.Delay(1100); // the lock expiry is the thing tested
        var fast = await durable.LockNextOrchestrationAsync("fast", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.IsNotNull(fast);
        Assert.AreEqual(slow.InstanceId, fast.InstanceId);
        Assert.AreEqual(2, fast.Messages[0].DequeueCount);

        await Assert.ThrowsExactlyAsync<LockLostException>(() => durable.CommitEpisodeAsync(slow, FirstEpisode(slow, now), CancellationToken.None));
        Assert.AreEqual((0L, 0L, 1L, "Pending", 0L), await RowsAsync(store.Path, "x"), "the stale episode left no trace");

        await durable.CommitEpisodeAsync(fast, FirstEpisode(fast, now), CancellationToken.None);
        Assert.AreEqual((4L, 1L, 1L, "Running", 1L), await RowsAsync(store.Path, "x"), "history, task, timer message, status and episode together");
        Assert.AreEqual("TimerFired", await Sql.ScalarAsync(store.Path, "SELECT event_type FROM new_events WHERE instance_id = 'x'"));
        Assert.IsNull(await Sql.ScalarAsync(store.Path, "SELECT locked_by FROM instances WHERE instance_id = 'x'"), "the commit releases the lock");

        // The same work item cannot commit twice: the episode number moved on.
        await Assert.ThrowsExactlyAsync<LockLostException>(() => durable.CommitEpisodeAsync(fast, FirstEpisode(fast, now), CancellationToken.None));
        Assert.AreEqual(4L, (await RowsAsync(store.Path, "x")).History);
    }

    [TestMethod]
    public async Task Episodes_committed_together_succeed_or_fail_one_by_one()
    {
        using var store = new TestStore();
        await using var durable = new SqlDurableStore(new SqliteDialect(store.Path), "default");
        var now = DateTime.UtcNow;
        await durable.CreateInstancesAsync([(Instance("lost", now), InstanceIdReusePolicy.Throw)], CancellationToken.None);
        var stale = await durable.LockNextOrchestrationAsync("w1", TimeSpan.FromMilliseconds(50), CancellationToken.None);
        await Task.Delay(100); // the lock expiry is the thing tested
        Assert.IsNotNull(await durable.LockNextOrchestrationAsync("w2", TimeSpan.FromSeconds(30), CancellationToken.None));
        await durable.CreateInstancesAsync([(Instance("kept", now), InstanceIdReusePolicy.Throw)], CancellationToken.None);
        var fresh = await durable.LockNextOrchestrationAsync("w1", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.AreEqual("kept", fresh?.InstanceId);

        var results = await durable.CommitEpisodesAsync([(stale!, FirstEpisode(stale!, now)), (fresh!, FirstEpisode(fresh!, now))], CancellationToken.None);

        CollectionAssert.AreEqual(new[] { false, true }, results.ToArray());
        Assert.AreEqual((0L, 0L, 1L, "Pending", 0L), await RowsAsync(store.Path, "lost"));
        Assert.AreEqual((4L, 1L, 1L, "Running", 1L), await RowsAsync(store.Path, "kept"));
    }
}
