using System.Text.Json;
using Nightshift.Durable.Postgres.TestWorker;

namespace Nightshift.Durable.Tests.Support;

/// <summary>Starts a batch of <see cref="StampChain"/> instances and checks, in plain SQL, that each result landed exactly once.</summary>
internal static class StampRun
{
    public static IReadOnlyList<string> Ids(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D5}")];

    public static async Task StartAllAsync(DurableClient client, IReadOnlyList<string> ids, int delayMs)
    {
        // Concurrent starts share transactions; chunks keep the number of pending tasks reasonable.
        foreach (var chunk in ids.Chunk(250))
        {
            await Task.WhenAll(chunk.Select(id => client.StartAsync(StampChain.Name, delayMs, new StartOrchestrationOptions { InstanceId = id })));
        }
    }

    public static Task<long> CompletedAsync(string path)
        => Sql.CountAsync(path, "SELECT COUNT(*) FROM instances WHERE status = 'Completed'");

    /// <summary>Waits until <paramref name="count"/> instances are completed, failing (with the workers' logs) after <paramref name="timeout"/>.</summary>
    public static Task WaitForCompletedAsync(string path, long count, TimeSpan timeout, Func<string>? diagnostics = null)
        => TestHost.WaitUntilAsync(
            async () => await CompletedAsync(path) >= count,
            $"{count} instances are completed{(diagnostics is null ? "" : "; worker logs:\n" + diagnostics())}",
            timeout);

    /// <summary>
    /// Every instance completed with the expected results; every task scheduled once and completed once in history;
    /// each history one execution without gaps; no message or task left behind.
    /// </summary>
    public static async Task AssertEachResultExactlyOnceAsync(string path, IReadOnlyList<string> ids, string tag)
    {
        Assert.AreEqual((long)ids.Count, await CompletedAsync(path), "completed instances");
        Assert.AreEqual(0L, await Sql.CountAsync(path, "SELECT COUNT(*) FROM instances WHERE status <> 'Completed'"), "instances not completed");

        var duplicates = await Sql.RowsAsync(path,
            "SELECT instance_id, task_id, event_type, COUNT(*) AS n FROM history WHERE event_type IN ('TaskScheduled', 'TaskCompleted', 'TaskFailed') " +
            "GROUP BY instance_id, task_id, event_type HAVING COUNT(*) > 1 LIMIT 10");
        Assert.IsEmpty(duplicates, "results recorded more than once: " + string.Join("; ", duplicates.Select(r => $"{r["instance_id"]} task {r["task_id"]} {r["event_type"]} x{r["n"]}")));
        Assert.AreEqual(ids.Count * (long)StampChain.Steps, await Sql.CountAsync(path, "SELECT COUNT(*) FROM history WHERE event_type = 'TaskCompleted'"), "TaskCompleted events");
        Assert.AreEqual(ids.Count * (long)StampChain.Steps, await Sql.CountAsync(path, "SELECT COUNT(*) FROM history WHERE event_type = 'TaskScheduled'"), "TaskScheduled events");
        Assert.AreEqual(0L, await Sql.CountAsync(path, "SELECT COUNT(*) FROM history WHERE event_type = 'TaskFailed'"), "TaskFailed events");
        // History consistent: one execution per instance, started and completed once, sequence numbers without gaps.
        Assert.AreEqual((long)ids.Count, await Sql.CountAsync(path, "SELECT COUNT(*) FROM history WHERE event_type = 'ExecutionStarted'"), "ExecutionStarted events");
        Assert.AreEqual((long)ids.Count, await Sql.CountAsync(path, "SELECT COUNT(*) FROM history WHERE event_type = 'ExecutionCompleted'"), "ExecutionCompleted events");
        Assert.AreEqual(0L, await Sql.CountAsync(path,
            "SELECT COUNT(*) FROM (SELECT instance_id FROM history GROUP BY instance_id, execution_id " +
            "HAVING MIN(sequence) <> 0 OR MAX(sequence) <> COUNT(*) - 1) AS gaps"), "histories with gaps in their sequence numbers");
        Assert.AreEqual(0L, await Sql.CountAsync(path, "SELECT COUNT(*) FROM new_events"), "messages left");
        Assert.AreEqual(0L, await Sql.CountAsync(path, "SELECT COUNT(*) FROM new_tasks"), "tasks left");

        var outputs = await Sql.RowsAsync(path, "SELECT instance_id, output FROM instances");
        foreach (var row in outputs)
        {
            var id = (string)row["instance_id"]!;
            var results = JsonSerializer.Deserialize<string[]>((string)row["output"]!)!;
            CollectionAssert.AreEqual(Enumerable.Range(0, StampChain.Steps).Select(i => $"{tag}:{id}/{i}").ToArray(), results, id);
        }

        CollectionAssert.AreEquivalent(ids.ToList(), outputs.Select(r => (string)r["instance_id"]!).ToList());
    }
}
