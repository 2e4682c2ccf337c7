using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nightshift.Durable.Postgres.TestWorker;
using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Crash;

/// <summary>
/// The crash-safety promise on the embedded store, tested the way it fails in production: worker processes share one
/// SQLite file, one is killed with SIGKILL (no shutdown code runs) in the middle of a run, a replacement starts, and
/// every instance must complete with each activity result recorded exactly once and no orchestration step lost.
/// </summary>
[TestClass]
[DoNotParallelize] // it runs three worker processes and the machine has two cores; other classes would only skew its timing
public sealed class SqliteWorkerKillTests
{
    private const int Instances = 400;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(2);

    [TestMethod]
    [TestCategory("Slow")]
    public async Task Worker_killed_with_SIGKILL_mid_run_is_replaced_and_every_result_is_recorded_once()
    {
        using var store = new SqliteBackend();
        var workers = new List<StampWorkerProcess>();
        try
        {
            workers.AddRange(await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => StampWorkerProcess.StartSqliteAsync(store.File, LockTimeout))));
            string Logs() => string.Join("\n", workers.Select(w => $"--- worker {w.Id}\n{w.Log}"));

            await using var client = await RuntimeHost.StartAsync(store, startWorker: false);
            var ids = Enumerable.Range(0, Instances).Select(i => $"kill-{i:D4}").ToList();
            foreach (var chunk in ids.Chunk(100))
            {
                await Task.WhenAll(chunk.Select(id => client.StartAsync(StampChain.Name, 20, id)));
            }

            await WaitForCompletedAsync(store, Instances / 4, TimeSpan.FromMinutes(3), Logs);
            var victim = workers[0];
            victim.Kill();
            var orphaned = await store.CountAsync("SELECT (SELECT COUNT(*) FROM new_tasks WHERE locked_by = @id) + (SELECT COUNT(*) FROM instances WHERE locked_by = @id)", victim.Owner);
            var completedAtKill = await CompletedAsync(store);
            workers.Add(await StampWorkerProcess.StartSqliteAsync(store.File, LockTimeout));

            Assert.IsLessThan(Instances, completedAtKill, "the worker was killed before the run ended, so the kill tested something");
            Assert.IsGreaterThan(0L, orphaned, "the killed worker held leases or locks that others had to take over");

            await WaitForCompletedAsync(store, Instances, TimeSpan.FromMinutes(5), Logs);
            await AssertEachResultExactlyOnceAsync(store, ids);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static Task<long> CompletedAsync(SqliteBackend store) => store.CountAsync("SELECT COUNT(*) FROM instances WHERE status = 'Completed'");

    private static async Task WaitForCompletedAsync(SqliteBackend store, long count, TimeSpan timeout, Func<string> logs)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await CompletedAsync(store) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new AssertFailedException($"Timed out waiting until {count} instances are completed ({await CompletedAsync(store)} are); worker logs:\n{logs()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Counted from the store, as an operator would with sqlite3.</summary>
    private static async Task AssertEachResultExactlyOnceAsync(SqliteBackend store, IReadOnlyList<string> ids)
    {
        long Expected(int perInstance) => (long)ids.Count * perInstance;
        Assert.AreEqual(0L, await store.CountAsync("SELECT COUNT(*) FROM instances WHERE status <> 'Completed'"), "instances not completed");
        Assert.AreEqual(0L, await store.CountAsync("SELECT COUNT(*) FROM instances WHERE locked_by IS NOT NULL"), "locks left");

        // Each activity scheduled once and its result recorded once, whatever ran twice underneath.
        Assert.AreEqual(0L, await store.CountAsync(
            "SELECT COUNT(*) FROM (SELECT 1 FROM history WHERE event_type IN ('TaskScheduled', 'TaskCompleted', 'TaskFailed') " +
            "GROUP BY instance_id, task_id, event_type HAVING COUNT(*) > 1)"), "results recorded more than once");
        Assert.AreEqual(Expected(StampChain.Steps), await store.CountAsync("SELECT COUNT(*) FROM history WHERE event_type = 'TaskScheduled'"), "TaskScheduled events");
        Assert.AreEqual(Expected(StampChain.Steps), await store.CountAsync("SELECT COUNT(*) FROM history WHERE event_type = 'TaskCompleted'"), "TaskCompleted events");
        Assert.AreEqual(0L, await store.CountAsync("SELECT COUNT(*) FROM history WHERE event_type = 'TaskFailed'"), "TaskFailed events");

        // No orchestration step lost: one execution per instance, started and completed once, without gaps; nothing left waiting.
        Assert.AreEqual(Expected(1), await store.CountAsync("SELECT COUNT(*) FROM history WHERE event_type = 'ExecutionStarted'"), "ExecutionStarted events");
        Assert.AreEqual(Expected(1), await store.CountAsync("SELECT COUNT(*) FROM history WHERE event_type = 'ExecutionCompleted'"), "ExecutionCompleted events");
        Assert.AreEqual(0L, await store.CountAsync(
            "SELECT COUNT(*) FROM (SELECT 1 FROM history GROUP BY instance_id, execution_id HAVING MIN(sequence) <> 0 OR MAX(sequence) <> COUNT(*) - 1)"),
            "histories with gaps in their sequence numbers");
        Assert.AreEqual(0L, await store.CountAsync("SELECT COUNT(*) FROM new_events"), "messages left");
        Assert.AreEqual(0L, await store.CountAsync("SELECT COUNT(*) FROM new_tasks"), "tasks left");

        // Each instance's output holds its own three stamps, in order.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.File, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT instance_id, output FROM instances ORDER BY instance_id";
        await using var reader = await cmd.ExecuteReaderAsync();
        var seen = new List<string>();
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0);
            seen.Add(id);
            var results = JsonSerializer.Deserialize<string[]>(reader.GetString(1));
            CollectionAssert.AreEqual(Enumerable.Range(0, StampChain.Steps).Select(i => $"default:{id}/{i}").ToArray(), results, id);
        }

        CollectionAssert.AreEqual(ids.ToList(), seen);
    }
}
