using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Postgres.Tests;

/// <summary>Several worker processes share one database; one dies without a word and the others take its work over.</summary>
[TestClass]
public sealed class WorkerCrashTests
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(3);

    [TestMethod]
    [TestCategory("Slow")]
    public async Task Four_workers_run_2000_orchestrations_and_one_killed_midway_loses_and_duplicates_nothing()
    {
        using var store = new TestStore();
        var workers = new List<WorkerProcess>();
        try
        {
            workers.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                WorkerProcess.StartAsync(PostgresServer.ConnectionString, store.Schema, "default", LockTimeout))));
            string Logs() => string.Join("\n", workers.Select(w => $"--- worker {w.Id}\n{w.Log}"));

            await using var client = await HubHost.StartAsync(store.Schema, "default", worker: false);
            var ids = StampRun.Ids("crash", 2000);
            await StampRun.StartAllAsync(client.Client, ids, delayMs: 20);

            await StampRun.WaitForCompletedAsync(store.Path, 500, TimeSpan.FromMinutes(3), Logs);
            // The victim is the worker holding the most locks and leases right now: on a loaded machine any one worker
            // may be starved long enough (beyond the lock timeout) for the others to take all of its work, and killing
            // that one would test no take-over.
            var victim = await BusiestAsync(store.Path, workers);
            victim.Kill();
            var owner = $"testworker:{victim.Id}";
            var orphanedTasks = await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_tasks WHERE locked_by = @owner", ("@owner", owner));
            var orphanedInstances = await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM instances WHERE locked_by = @owner", ("@owner", owner));
            var completedAtKill = await StampRun.CompletedAsync(store.Path);
            workers.Add(await WorkerProcess.StartAsync(PostgresServer.ConnectionString, store.Schema, "default", LockTimeout));

            Assert.IsLessThan(ids.Count, completedAtKill, "the worker was killed before the run ended");
            Assert.IsGreaterThan(0L, orphanedTasks + orphanedInstances, $"the killed worker held leases or locks that others had to take over; its log:\n{victim.Log}");

            await StampRun.WaitForCompletedAsync(store.Path, ids.Count, TimeSpan.FromMinutes(5), Logs);
            await StampRun.AssertEachResultExactlyOnceAsync(store.Path, ids, "default");
            Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM instances WHERE locked_by IS NOT NULL"), "locks left");
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static async Task<WorkerProcess> BusiestAsync(string path, List<WorkerProcess> workers)
    {
        const string Held = "SELECT (SELECT COUNT(*) FROM new_tasks WHERE locked_by = @owner AND visible_at > now()) + " +
            "(SELECT COUNT(*) FROM instances WHERE locked_by = @owner AND locked_until > now())";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var held = new List<(WorkerProcess Worker, long Count)>();
            foreach (var worker in workers)
            {
                held.Add((worker, await Sql.CountAsync(path, Held, ("@owner", $"testworker:{worker.Id}"))));
            }

            var busiest = held.MaxBy(h => h.Count);
            if (busiest.Count > 0 || DateTime.UtcNow > deadline)
            {
                return busiest.Worker;
            }

            await Task.Delay(50);
        }
    }
}
