using System.Text.Json;
using Nightshift.Activities.Jobs;
using Nightshift.Durable;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Jobs;

[TestClass]
public sealed class JobsDeleteTests
{
    [TestMethod]
    public async Task A_failed_job_is_handed_back_to_a_new_run_until_deleted_then_submitted_again()
    {
        using var store = new TempStore();
        var broken = Path.Combine(store.Directory, "broken");
        var output = Path.Combine(store.Directory, "calib.txt");
        var runs = Path.Combine(store.Directory, "runs.log");
        await File.WriteAllTextAsync(broken, "");
        JobSpec[] jobs =
        [
            new()
            {
                Name = "calibrate",
                Command = "sh",
                Arguments = ["-c", "echo run >> runs.log; echo partial > calib.txt; if [ -e broken ]; then echo 'flat missing' >&2; exit 4; fi"],
                WorkingDirectory = store.Directory,
                Outputs = ["calib.txt"],
                Backend = "local",
            },
        ];

        // The first run fails; the same id run again gets the recorded outcome without running the job.
        Assert.AreEqual(0, (await JobStore.RunAsync(store.Path, "night-5", jobs)).ReadOutputAs<int>());
        (await store.RunAsync("purge", "night-5")).ShouldSucceed();
        File.Delete(broken);
        Assert.AreEqual(0, (await JobStore.RunAsync(store.Path, "night-5", jobs)).ReadOutputAs<int>());
        Assert.AreEqual(1, File.ReadAllLines(runs).Length, "the recorded failure was handed back, not resubmitted");

        var dryRun = (await store.RunAsync("jobs", "delete", "night-5/calibrate/1", "--dry-run")).ShouldSucceed();
        StringAssert.Contains(dryRun.Stdout, "would delete night-5/calibrate/1");
        Assert.IsTrue(File.Exists(output), "a dry run removes nothing");

        var delete = (await store.RunAsync("jobs", "delete", "night-5/calibrate/1")).ShouldSucceed();
        StringAssert.Contains(delete.Stdout, "deleted night-5/calibrate/1");
        StringAssert.Contains(delete.Stdout, output);
        Assert.IsFalse(File.Exists(output), "the declared output is removed");
        Assert.AreEqual(0, Count((await store.RunAsync("jobs", "--json")).ShouldSucceed()), "the record is removed");

        // With the record gone, the next run submits the job again, and it now succeeds.
        (await store.RunAsync("purge", "night-5")).ShouldSucceed();
        var rerun = await JobStore.RunAsync(store.Path, "night-5", jobs);
        Assert.AreEqual(OrchestrationStatus.Completed, rerun.Status);
        Assert.AreEqual(1, rerun.ReadOutputAs<int>());
        Assert.AreEqual(2, File.ReadAllLines(runs).Length);
        Assert.IsTrue(File.Exists(output));
    }

    [TestMethod]
    public async Task Deleting_an_unknown_job_changes_nothing_and_exits_non_zero()
    {
        using var store = new TempStore();
        (await store.RunAsync("run", "demo", "--id", "d1", "--input", """{"chunks": 1, "size": 10}""")).ShouldSucceed();
        var before = store.Fingerprint();

        var result = await store.RunAsync("jobs", "delete", "d1/nope/1");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stdout, "no job d1/nope/1");
        Assert.AreEqual(before, store.Fingerprint());
    }

    private static int Count(CliResult result)
    {
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.GetArrayLength();
    }
}
