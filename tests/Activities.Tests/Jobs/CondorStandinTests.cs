using Nightshift.Activities.Jobs;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Durable;

namespace Nightshift.Activities.Tests.Jobs;

/// <summary>The HTCondor backend against the scripted stand-in in condor-standin/ (HTCondor is not packaged for Debian 12).</summary>
[TestClass]
public sealed class CondorStandinTests
{
    private static readonly string Bin = Path.Combine(AppContext.BaseDirectory, "Jobs", "condor-standin");
    private static string stateDirectory = "";

    [ClassInitialize]
    public static void UseStandin(TestContext context)
    {
        _ = context;
        stateDirectory = Path.Combine(Path.GetTempPath(), "ns-condor-standin-" + Environment.ProcessId);
        Directory.CreateDirectory(stateDirectory);
        Environment.SetEnvironmentVariable("CONDOR_STANDIN_DIR", stateDirectory);
        foreach (var file in Directory.GetFiles(Bin))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    [ClassCleanup]
    public static void RemoveState() => Directory.Delete(stateDirectory, recursive: true);

    private static JobSpec Condor(JobSpec spec) => spec with { Backend = "condor" };

    private static Task<JobsHost> StartAsync(string dir) => JobsHost.StartAsync(dir, o =>
    {
        o.Backends.Add("condor");
        o.CondorBin = Bin;
    });

    [TestMethod]
    public async Task Condor_job_that_exits_0_is_completed()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var outcomes = await host.RunAsync(new RunJobsInput([Condor(JobSpec.ForCommand("echo", "/bin/echo", "from condor")), Condor(JobSpec.ForCommand("ls", "/bin/ls", "/nope"))]));
        Assert.AreEqual(JobState.Completed, outcomes[0].State);
        Assert.AreEqual("from condor", outcomes[0].StdoutTail);
        StringAssert.Matches(outcomes[0].SchedulerId, new System.Text.RegularExpressions.Regex(@"^\d+\.[01]$"));
        Assert.AreEqual(JobState.Failed, outcomes[1].State);
        Assert.AreEqual(2, outcomes[1].ExitCode);
        StringAssert.Contains(outcomes[1].StderrTail, "/nope");
        var log = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(outcomes[0].StdoutPath!)!, "events.log"));
        StringAssert.Contains(log, "Normal termination (return value 0)");
    }

    [TestMethod]
    public async Task Held_job_is_reported_with_its_hold_reason()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var id = await host.Client.StartAsync(nameof(RunJobs), new RunJobsInput([Condor(JobSpec.ForCommand("sleep", "/bin/sleep", "120"))]));
        await JobsHost.WaitUntilAsync(async () => (await host.ColumnAsync("state")).SequenceEqual(["running"]), "the job runs");
        JobsHost.Run(Path.Combine(Bin, "condor_hold"), "-reason", "Error from slot1@vm: disk quota exceeded", (await host.ColumnAsync("scheduler_id"))[0]!);
        await JobsHost.WaitUntilAsync(async () => (await host.ColumnAsync("state")).SequenceEqual(["held"]), "the job shows held");
        CollectionAssert.AreEqual(new[] { "Error from slot1@vm: disk quota exceeded" }, await host.ColumnAsync("reason"));

        // A held job is still active; terminating its orchestration removes it from the queue.
        await host.Client.TerminateAsync(id, "operator gave up");
        await JobsHost.WaitUntilAsync(async () => (await host.ColumnAsync("state")).SequenceEqual(["cancelled"]), "the job is cancelled");
        var history = JobsHost.Run(Path.Combine(Bin, "condor_history"), "-json", (await host.ColumnAsync("scheduler_id"))[0]!);
        StringAssert.Contains(history, "\"JobStatus\": 3");
    }

    [TestMethod]
    public async Task Job_removed_with_condor_rm_is_cancelled()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var id = await host.Client.StartAsync(nameof(RunJobs), new RunJobsInput([Condor(JobSpec.ForCommand("sleep", "/bin/sleep", "120"))]));
        await JobsHost.WaitUntilAsync(async () => (await host.ColumnAsync("state")).SequenceEqual(["running"]), "the job runs");
        JobsHost.Run(Path.Combine(Bin, "condor_rm"), (await host.ColumnAsync("scheduler_id"))[0]!);
        var outcome = (await host.WaitAsync(id)).ReadOutputAs<List<JobOutcome>>()![0];
        Assert.AreEqual(JobState.Cancelled, outcome.State);
        StringAssert.Contains(outcome.Reason, "via condor_rm");
    }

    [TestMethod]
    public async Task Job_killed_by_a_signal_is_failed_with_the_signal()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var outcomes = await host.RunAsync(new RunJobsInput([Condor(JobSpec.ForCommand("killed", "/bin/sh", "-c", "kill -9 $$"))]));
        Assert.AreEqual(JobState.Failed, outcomes[0].State);
        Assert.AreEqual(9, outcomes[0].Signal);
    }
}
