using Microsoft.Data.Sqlite;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Crash;

/// <summary>
/// The crash-safety promise, tested the way it fails in production: a worker process is killed with
/// SIGKILL (no shutdown code runs) in the middle of a run, a new worker is started, and the run must
/// complete with every activity result recorded exactly once and no orchestration step lost.
/// </summary>
[TestClass]
public sealed class WorkerKillTests
{
    private const int Chunks = 240;

    // The demo fans out Chunks activities, then chains reduce → verify → summarise.
    private const int Activities = Chunks + 3;

    [TestMethod]
    [TestCategory("Slow")]
    public async Task Worker_killed_with_SIGKILL_mid_run_is_replaced_and_the_run_completes_with_each_result_recorded_once()
    {
        using var store = new TempStore();
        var db = store.Path;
        string[] storeArgs = ["--db", db];

        var enqueue = await NightshiftExe.RunAsync(store.Directory,
            ["run", "demo", "--detach", "--id", "crash-run", "--input", $$"""{"chunks": {{Chunks}}, "size": 20000}""", .. storeArgs]);
        Assert.AreEqual(0, enqueue.ExitCode, enqueue.ToString());

        // Short lock and lease: the replacement takes over the dead worker's instance and tasks within seconds.
        string[] workerArgs = ["worker", "--lock-timeout", "2", "--lease", "2", .. storeArgs];
        int completedAtKill;
        using (var first = NightshiftExe.Start(store.Directory, workerArgs))
        {
            await CrashStore.WaitUntilAsync(() => Count(db, "TaskCompleted") >= 40, "the first worker has completed 40 activities", first);
            await first.SignalAsync("KILL");
            await first.WaitAsync(TimeSpan.FromSeconds(30));
            completedAtKill = Count(db, "TaskCompleted");
        }

        Assert.IsLessThan(Activities, completedAtKill, "the run finished before the kill, so the kill tested nothing; make the activities slower");
        Assert.AreNotEqual("Completed", Status(db));

        using (var second = NightshiftExe.Start(store.Directory, workerArgs))
        {
            await CrashStore.WaitUntilAsync(() => Status(db) is "Completed" or "Failed" or "Terminated", "the run has finished", second, TimeSpan.FromSeconds(180));
            await second.SignalAsync("TERM");
            await second.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.AreEqual("Completed", Status(db));
        using var connection = CrashStore.Open(db);

        // Each activity was scheduled once and its result recorded once, whatever ran twice underneath.
        var scheduled = TaskIds(connection, "TaskScheduled");
        var completed = TaskIds(connection, "TaskCompleted");
        Assert.HasCount(Activities, scheduled);
        Assert.HasCount(Activities, scheduled.Distinct().ToList());
        CollectionAssert.AreEquivalent(scheduled, completed);
        Assert.AreEqual(0, Count(db, "TaskFailed"));
        Assert.AreEqual(1, Count(db, "ExecutionCompleted"));

        // No orchestration step lost: one history of contiguous sequence numbers, and nothing left waiting.
        var sequences = Column<long>(connection, "SELECT sequence FROM history WHERE instance_id = 'crash-run' ORDER BY sequence");
        CollectionAssert.AreEqual(Enumerable.Range(0, sequences.Count).Select(i => (long)i).ToList(), sequences);
        Assert.AreEqual(0L, Column<long>(connection, "SELECT count(*) FROM new_events")[0]);
        Assert.AreEqual(0L, Column<long>(connection, "SELECT count(*) FROM new_tasks")[0]);

        // And the science of the run is intact: the demo verifies its prime counts against an independent sieve.
        var output = Column<string>(connection, "SELECT output FROM v_instances WHERE instance_id = 'crash-run'")[0];
        StringAssert.Contains(output, "checks passed");
        Assert.DoesNotContain("\"passed\":false", output);
    }

    private static int Count(string db, string eventType)
    {
        using var connection = CrashStore.Open(db);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM history WHERE instance_id = 'crash-run' AND event_type = @type";
        cmd.Parameters.AddWithValue("@type", eventType);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Status(string db)
    {
        using var connection = CrashStore.Open(db);
        return Column<string>(connection, "SELECT status FROM instances WHERE instance_id = 'crash-run'").FirstOrDefault();
    }

    private static List<long> TaskIds(SqliteConnection connection, string eventType)
        => Column<long>(connection, $"SELECT task_id FROM history WHERE instance_id = 'crash-run' AND event_type = '{eventType}' ORDER BY task_id");

    private static List<T> Column<T>(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
