using System.Text.Json;
using Nightshift.Activities.Jobs;
using Nightshift.Durable;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Jobs;

[TestClass]
public sealed class JobsCommandTests
{
    private static TempStore store = null!;

    /// <summary>One run with a job that completes, one that fails with a message on stderr, and one killed by a signal.</summary>
    [ClassInitialize]
    public static async Task RunThreeJobs(TestContext context)
    {
        store = new TempStore();
        var state = await JobStore.RunAsync(store.Path, "night-1",
        [
            Shell("reduce", "echo reduced > reduced.txt", "reduced.txt"),
            Shell("calibrate", "echo partial > calib.txt; echo 'reading flat: no such file flat_0042.fits' >&2; echo 'giving up on chip 7' >&2; exit 3", "calib.txt"),
            Shell("extract", "kill -9 $$"),
        ]);
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.Summary);
        Assert.AreEqual(1, state.ReadOutputAs<int>(), "one of the three jobs completes");
    }

    [ClassCleanup]
    public static void DeleteStore() => store.Dispose();

    [TestMethod]
    public async Task Jobs_lists_every_job_and_shows_the_stderr_tail_of_failures()
    {
        var result = (await store.RunAsync("jobs")).ShouldSucceed();

        StringAssert.Contains(result.Stdout, "night-1/reduce/1");
        StringAssert.Contains(result.Stdout, "completed");
        StringAssert.Contains(result.Stdout, "night-1/calibrate/1");
        StringAssert.Contains(result.Stdout, "| reading flat: no such file flat_0042.fits");
        StringAssert.Contains(result.Stdout, "| giving up on chip 7");
        StringAssert.Contains(result.Stdout, "sig 9", "a job killed by a signal shows the signal, not an exit code");
    }

    [TestMethod]
    public async Task Jobs_filters_by_state_instance_and_backend_and_prints_json()
    {
        var failed = Keys((await store.RunAsync("jobs", "--failed", "--json")).ShouldSucceed());
        var completed = Keys((await store.RunAsync("jobs", "--state", "completed", "--json")).ShouldSucceed());
        var other = Keys((await store.RunAsync("jobs", "--instance", "night-2", "--json")).ShouldSucceed());
        var slurm = Keys((await store.RunAsync("jobs", "--backend", "slurm", "--json")).ShouldSucceed());

        CollectionAssert.AreEquivalent(new[] { "night-1/calibrate/1", "night-1/extract/1" }, failed);
        CollectionAssert.AreEqual(new[] { "night-1/reduce/1" }, completed);
        Assert.AreEqual(0, other.Count);
        Assert.AreEqual(0, slurm.Count);
    }

    [TestMethod]
    public async Task Attrition_counts_expected_finished_failed_and_missing()
    {
        var json = (await store.RunAsync("jobs", "attrition", "night-1", "--json")).ShouldSucceed();
        using var doc = JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;

        Assert.AreEqual(3, root.GetProperty("expected").GetInt32());
        Assert.AreEqual(1, root.GetProperty("finished").GetInt32());
        Assert.AreEqual(2, root.GetProperty("failed").GetInt32());
        Assert.AreEqual(0, root.GetProperty("missing").GetInt32());
        var table = (await store.RunAsync("jobs", "attrition", "night-1")).ShouldSucceed();
        StringAssert.Contains(table.Stdout, "giving up on chip 7");
    }

    [TestMethod]
    public async Task Attrition_of_an_unknown_instance_is_a_usage_error_naming_it()
    {
        var result = await store.RunAsync("jobs", "attrition", "night-99");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, "night-99");
    }

    [TestMethod]
    public async Task Unknown_state_is_a_usage_error_that_lists_the_known_ones()
    {
        var result = await store.RunAsync("jobs", "--state", "exploded");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, "exploded");
        StringAssert.Contains(result.Stderr, "out_of_memory");
    }

    [TestMethod]
    public async Task Delete_needs_jobs_or_an_instance()
    {
        var result = await store.RunAsync("jobs", "delete");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
    }

    private static JobSpec Shell(string name, string script, params string[] outputs) => new()
    {
        Name = name,
        Command = "sh",
        Arguments = ["-c", script],
        WorkingDirectory = store.Directory,
        Outputs = outputs,
        Backend = "local",
    };

    private static List<string> Keys(CliResult result)
    {
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("jobKey").GetString()!).ToList();
    }
}
