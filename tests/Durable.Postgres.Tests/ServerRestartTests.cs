using System.Diagnostics;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Postgres.Tests;

/// <summary>The database server restarts under running workers (fast shutdown: every connection is cut).</summary>
[TestClass]
public sealed class ServerRestartTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public async Task Run_survives_a_PostgreSQL_restart_midway_and_no_activity_result_is_duplicated()
    {
        using var store = new TestStore();
        var workers = new List<WorkerProcess>();
        try
        {
            workers.AddRange(await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                WorkerProcess.StartAsync(PostgresServer.ConnectionString, store.Schema, "default", TimeSpan.FromSeconds(3)))));
            string Logs() => string.Join("\n", workers.Select(w => $"--- worker {w.Id}\n{w.Log}"));

            await using var client = await HubHost.StartAsync(store.Schema, "default", worker: false);
            var ids = StampRun.Ids("restart", 600);
            await StampRun.StartAllAsync(client.Client, ids, delayMs: 20);
            await StampRun.WaitForCompletedAsync(store.Path, 150, TimeSpan.FromMinutes(3), Logs);
            var completedBefore = await StampRun.CompletedAsync(store.Path);

            await RestartServerAsync();

            Assert.IsLessThan(ids.Count, completedBefore, "the server was restarted before the run ended");
            await StampRun.WaitForCompletedAsync(store.Path, ids.Count, TimeSpan.FromMinutes(5), Logs);
            await StampRun.AssertEachResultExactlyOnceAsync(store.Path, ids, "default");
            Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM instances WHERE locked_by IS NOT NULL"), "locks left");
            // The restart did cut the workers off: they met errors and retried (event 4001), rather than idling through it.
            StringAssert.Contains(Logs(), "transient error", "the workers' logs show the retries");
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static async Task RestartServerAsync()
    {
        var script = RepoPaths.Combine("infra", "postgres", "restart.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.AreEqual(0, process.ExitCode, $"{script} failed:\n{await output}\n{await errors}");

        // The test's own plain-SQL connections do not retry: drop the pooled ones that the restart cut.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
