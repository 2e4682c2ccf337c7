using Microsoft.Data.Sqlite;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Crash;

/// <summary>
/// A LAP run whose worker is killed with SIGKILL part-way through the exposures: a new worker finishes it, and no exposure
/// whose chip or warp had completed is processed again, counted from the ledger (lap_chips.chip_runs / warp_runs), the
/// durable history (each kernel step scheduled once) and, for SLURM, the jobs table (each step one job, one attempt).
/// </summary>
[TestClass]
public sealed class LapWorkerKillTests
{
    private const string Id = "lap-kill";

    [TestMethod]
    [TestCategory("Slow")]
    [DataRow("inproc", DisplayName = "kernels in process")]
    [DataRow("slurm", DisplayName = "kernels as SLURM jobs")]
    public async Task Worker_killed_mid_run_is_replaced_and_completed_exposures_are_not_processed_again(string executor)
    {
        if (executor == "slurm")
        {
            SlurmPresence.RequireOrSkip();
        }

        using var store = new TempStore();
        var db = store.Path;
        (await store.RunAsync("run", "lap", "--demo", "--executor", executor, "--detach", "--id", Id)).ShouldSucceed();

        string[] workerArgs = ["worker", "--lock-timeout", "2", "--lease", "2"];
        long warpedAtKill;
        using (var first = store.Start(workerArgs))
        {
            await CrashStore.WaitUntilAsync(() => Count(db, "SELECT COUNT(*) FROM lap_chips WHERE state = 'full'") >= 4, "four exposures are warped", first);
            await first.SignalAsync("KILL");
            await first.WaitAsync(TimeSpan.FromSeconds(30));
            warpedAtKill = Count(db, "SELECT COUNT(*) FROM lap_chips WHERE state = 'full'");
        }

        Assert.AreNotEqual("Completed", Status(db), "the run finished before the kill, so the kill tested nothing");
        var pendingJobsAtKill = Count(db, "SELECT COUNT(*) FROM jobs WHERE state NOT IN ('completed')");

        using (var second = store.Start(workerArgs))
        {
            await CrashStore.WaitUntilAsync(() => Status(db) is "Completed" or "Failed" or "Terminated", "the run has finished", second, TimeSpan.FromMinutes(8));
            await second.SignalAsync("TERM");
            await second.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.AreEqual("Completed", Status(db));
        Assert.AreEqual(2L, Count(db, "SELECT COUNT(*) FROM lap_runs WHERE state = 'done'"));

        // Ledger: every exposure chip-processed once and warped at most once, the ones warped before the kill included.
        Assert.IsGreaterThanOrEqualTo(4L, warpedAtKill);
        Assert.AreEqual(18L, Count(db, "SELECT COUNT(*) FROM lap_chips"), "18 exposures that are not junk");
        Assert.AreEqual(0L, Count(db, "SELECT COUNT(*) FROM lap_chips WHERE chip_runs <> 1 OR warp_runs > 1"), "no exposure processed twice");

        // History: each exposure's chip and warp step scheduled once in its run, whatever was delivered twice underneath.
        Assert.AreEqual(18L, Count(db, "SELECT COUNT(*) FROM v_history WHERE event_type = 'TaskScheduled' AND name = 'lap.chip'"));
        Assert.AreEqual(Count(db, "SELECT COUNT(*) FROM lap_chips WHERE warp_runs = 1"),
            Count(db, "SELECT COUNT(*) FROM v_history WHERE event_type = 'TaskScheduled' AND name = 'lap.warp'"));

        if (executor == "slurm")
        {
            // Jobs: one row per step and no second attempt; jobs still running at the kill were adopted, not resubmitted.
            Assert.IsGreaterThan(0L, pendingJobsAtKill, "some jobs were in flight when the worker died");
            Assert.AreEqual(Count(db, "SELECT COUNT(*) FROM jobs"), Count(db, "SELECT COUNT(DISTINCT instance_id || '/' || step) FROM jobs"));
            Assert.AreEqual(0L, Count(db, "SELECT COUNT(*) FROM jobs WHERE attempt > 1 OR state <> 'completed'"));
            Assert.AreEqual(18L, Count(db, "SELECT COUNT(*) FROM jobs WHERE step LIKE 'chip-%'"));
        }

        Assert.IsGreaterThanOrEqualTo(0.9, double.Parse(
            Text(db, $"SELECT json_extract(output, '$.recoveryRate') FROM v_instances WHERE instance_id = '{Id}'")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long Count(string db, string sql) => Convert.ToInt64(Text(db, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(string db, string sql)
    {
        using var connection = CrashStore.Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Status(string db) => SafeText(db, $"SELECT status FROM instances WHERE instance_id = '{Id}'");

    private static string? SafeText(string db, string sql)
    {
        try
        {
            return Text(db, sql);
        }
        catch (SqliteException)
        {
            return null;
        }
    }
}
