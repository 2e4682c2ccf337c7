using Nightshift.Activities.Jobs;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Durable;

namespace Nightshift.Activities.Tests.Jobs;

/// <summary>
/// Against the real single-node SLURM from infra/slurm (bash infra/slurm/start.sh). An unreachable SLURM fails
/// these tests; it never skips them. Two cores: at most two jobs run at once, so the jobs are short.
/// </summary>
[TestClass]
public sealed class SlurmJobTests
{
    [ClassInitialize]
    public static void SlurmIsUp(TestContext context)
    {
        _ = context;
        try
        {
            JobsHost.Run("squeue", "-h", "-o", "%i");
        }
        catch (Exception ex) when (ex is AssertFailedException or System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"SLURM is not reachable; start it with 'bash infra/slurm/start.sh'. {ex.Message}");
        }
    }

    private static JobSpec Slurm(JobSpec spec) => spec with { Backend = "slurm" };

    private static Task<JobsHost> StartAsync(string dir, Action<JobsOptions>? more = null)
        => JobsHost.StartAsync(dir, o =>
        {
            o.Backends.Add("slurm");
            more?.Invoke(o);
        });

    [TestMethod]
    public async Task Slurm_job_that_succeeds_is_completed_with_stdout_tail()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var outcomes = await host.RunAsync(new RunJobsInput([Slurm(JobSpec.ForCommand("echo", "/bin/echo", "hello from", "slurm's node"))]));
        Assert.AreEqual(JobState.Completed, outcomes[0].State);
        Assert.AreEqual(0, outcomes[0].ExitCode);
        Assert.AreEqual("hello from slurm's node", outcomes[0].StdoutTail);
        StringAssert.Matches(outcomes[0].SchedulerId, new System.Text.RegularExpressions.Regex(@"^\d+_0$"));
        CollectionAssert.AreEqual(new[] { "slurm" }, await host.ColumnAsync("backend"));
        Assert.IsNotNull((await host.ColumnAsync("started_at"))[0]);
        Assert.IsNotNull((await host.ColumnAsync("ended_at"))[0]);
    }

    [TestMethod]
    public async Task Slurm_nonzero_exit_is_failed_with_the_stderr_tail()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var outcomes = await host.RunAsync(new RunJobsInput([Slurm(JobSpec.ForCommand("ls", "/bin/ls", "/no/such/dir"))]));
        Assert.AreEqual(JobState.Failed, outcomes[0].State);
        Assert.AreEqual(2, outcomes[0].ExitCode);
        StringAssert.Contains(outcomes[0].StderrTail, "/no/such/dir");
        StringAssert.Contains((await host.ColumnAsync("stderr_tail"))[0], "/no/such/dir");
    }

    [TestMethod]
    public async Task Scancel_from_outside_shows_cancelled()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var id = await host.Client.StartAsync(nameof(RunJobs), new RunJobsInput([Slurm(JobSpec.ForCommand("sleep", "/bin/sleep", "120"))]));
        await JobsHost.WaitUntilAsync(async () => (await host.ColumnAsync("state")).SequenceEqual(["running"]), "the job runs");
        JobsHost.Run("scancel", (await host.ColumnAsync("scheduler_id"))[0]!);
        var state = await host.WaitAsync(id);
        var outcome = state.ReadOutputAs<List<JobOutcome>>()![0];
        Assert.AreEqual(JobState.Cancelled, outcome.State);
    }

    [TestMethod]
    public async Task Array_of_200_tasks_goes_out_as_one_sbatch_and_all_complete()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var specs = Enumerable.Range(0, 200).Select(i => Slurm(JobSpec.ForCommand($"t{i:D3}", "/bin/true"))).ToList();
        var outcomes = await host.RunAsync(new RunJobsInput(specs), timeout: TimeSpan.FromMinutes(4));
        Assert.AreEqual(200, outcomes.Count(o => o.State == JobState.Completed));
        Assert.AreEqual(1, (await host.ColumnAsync("DISTINCT batch_name")).Count, "one job array");
        Assert.AreEqual(200, (await host.ColumnAsync("DISTINCT scheduler_id")).Count);
    }

    [TestMethod]
    public async Task Monitor_stopped_mid_run_and_restarted_picks_the_jobs_up()
    {
        using var dir = new TempDirectory();
        string id;
        await using (var first = await StartAsync(dir.Path))
        {
            id = await first.Client.StartAsync(nameof(RunJobs), new RunJobsInput(
                Enumerable.Range(0, 3).Select(i => Slurm(JobSpec.ForCommand($"s{i}", "/bin/sleep", "4"))).ToList()));
            await JobsHost.WaitUntilAsync(async () => (await first.ColumnAsync("scheduler_id")).Count(s => s is not null) == 3, "all three are submitted");
            await first.StopAsync();
        }

        await using var second = await StartAsync(dir.Path);
        var state = await second.WaitAsync(id);
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status);
        Assert.IsTrue(state.ReadOutputAs<List<JobOutcome>>()!.All(o => o.State == JobState.Completed));
        Assert.AreEqual(1, (await second.ColumnAsync("DISTINCT batch_name")).Count, "nothing was submitted again");
    }

    [TestMethod]
    public async Task Crash_between_sbatch_and_the_database_write_does_not_submit_twice()
    {
        using var dir = new TempDirectory();
        var crashed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string id;
        await using (var first = await StartAsync(dir.Path, o =>
        {
            o.PollInterval = TimeSpan.FromSeconds(3);
            o.AfterSubmit = (batch, ids) =>
            {
                crashed.TrySetResult(batch.Name);
                throw new InvalidOperationException("simulated crash after sbatch, before the database write");
            };
        }))
        {
            id = await first.Client.StartAsync(nameof(RunJobs), new RunJobsInput([Slurm(JobSpec.ForCommand("echo", "/bin/echo", "once"))]));
            await crashed.Task.WaitAsync(TimeSpan.FromSeconds(60));
            CollectionAssert.AreEqual(new[] { "submitting" }, await first.ColumnAsync("state"));
            await first.StopAsync();
        }

        var name = await crashed.Task;
        await using var second = await StartAsync(dir.Path);
        var state = await second.WaitAsync(id);
        Assert.AreEqual(JobState.Completed, state.ReadOutputAs<List<JobOutcome>>()![0].State);
        var jobs = JobsHost.Run("sacct", "-X", "-P", "-n", "-S", "now-1days", "--name", name, "-o", "JobID")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var queued = JobsHost.Run("squeue", "-t", "all", "-h", "--name", name, "-o", "%i")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(1, Math.Max(jobs.Length, queued.Length), $"one scheduler job named {name}: sacct [{string.Join(", ", jobs)}], squeue [{string.Join(", ", queued)}]");
        Assert.AreEqual(1, (await second.ColumnAsync("DISTINCT batch_name")).Count);
    }

    [TestMethod]
    [TestCategory("Slow")]
    public async Task Job_over_its_one_minute_limit_shows_timeout()
    {
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var spec = Slurm(JobSpec.ForCommand("slow", "/bin/sleep", "300") with { Walltime = TimeSpan.FromMinutes(1) });
        var outcomes = await host.RunAsync(new RunJobsInput([spec]), timeout: TimeSpan.FromMinutes(4));
        Assert.AreEqual(JobState.Timeout, outcomes[0].State);
        Assert.AreEqual("TimeLimit", outcomes[0].Reason);
    }
}
