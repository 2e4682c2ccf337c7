using Nightshift.Activities.Jobs;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Durable;

namespace Nightshift.Activities.Tests.Jobs;

[TestClass]
public sealed class LocalJobTests
{
    [TestMethod]
    public async Task Local_job_that_exits_0_is_completed_with_its_stdout_tail()
    {
        using var dir = new TempDirectory();
        await using var host = await JobsHost.StartAsync(dir.Path);
        var outcomes = await host.RunAsync(new RunJobsInput([JobSpec.ForCommand("echo", "/bin/echo", "hello", "it's $HOME; `x`")]));
        Assert.AreEqual(JobState.Completed, outcomes[0].State);
        Assert.AreEqual(0, outcomes[0].ExitCode);
        // The quote, dollar and backquote arrive as typed: no shell parsed the words.
        Assert.AreEqual("hello it's $HOME; `x`", outcomes[0].StdoutTail);
        CollectionAssert.AreEqual(new[] { "completed" }, await host.ColumnAsync("state"));
    }

    [TestMethod]
    public async Task Job_outcome_reaches_the_instance_as_an_EventRaised_named_after_the_job_key_with_the_outcome_as_JSON()
    {
        using var dir = new TempDirectory();
        await using var host = await JobsHost.StartAsync(dir.Path);
        var outcomes = await host.RunAsync(new RunJobsInput([JobSpec.ForCommand("echo", "/bin/echo", "hi")]), instanceId: "evt");

        // The monitor raises the event through DurableClient onto the DurableTask.Core backend; the SDK's
        // WaitForExternalEvent<JobOutcome> consumed it, so it is in the history as the runtime records it.
        var raised = (await host.Client.GetHistoryAsync("evt")).Single(e => e.EventType == "EventRaised");
        Assert.AreEqual(JobKeys.EventName("evt/echo/1"), raised.Name);
        var payload = DurableJson.Deserialize<JobOutcome>(raised.Payload)!;
        Assert.AreEqual(outcomes[0], payload);
        StringAssert.Contains(raised.Payload, "\"state\":\"Completed\"", "camel-case names and enums as strings, as DurableJson writes them");
    }

    [TestMethod]
    public async Task Local_job_with_nonzero_exit_fails_with_its_stderr_tail_and_is_not_retried_by_default()
    {
        using var dir = new TempDirectory();
        await using var host = await JobsHost.StartAsync(dir.Path);
        var outcomes = await host.RunAsync(new RunJobsInput([JobSpec.ForCommand("ls", "/bin/ls", "/no/such/path")], JobRetryPolicy.Default));
        Assert.AreEqual(JobState.Failed, outcomes[0].State);
        Assert.AreEqual(2, outcomes[0].ExitCode);
        StringAssert.Contains(outcomes[0].StderrTail, "/no/such/path");
        Assert.AreEqual(1, (await host.ColumnAsync("job_key")).Count, "a non-zero exit is not retried unless asked");
    }

    [TestMethod]
    public async Task Terminating_the_orchestration_kills_its_local_job()
    {
        using var dir = new TempDirectory();
        await using var host = await JobsHost.StartAsync(dir.Path);
        var id = await host.Client.StartAsync(nameof(RunJobs), new RunJobsInput([JobSpec.ForCommand("sleep", "/bin/sleep", "300")]));
        await JobsHost.WaitUntilAsync(async () => (await host.ColumnAsync("state")).SequenceEqual(["running"]), "the job runs");
        var pid = int.Parse((await host.ColumnAsync("scheduler_id"))[0]!, System.Globalization.CultureInfo.InvariantCulture);
        await host.Client.TerminateAsync(id, "operator");
        await JobsHost.WaitUntilAsync(async () => (await host.ColumnAsync("state")).SequenceEqual(["cancelled"]), "the job is cancelled");
        Assert.IsFalse(File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("nightshift-job", StringComparison.Ordinal), "the process was killed");
        CollectionAssert.AreEqual(new[] { "orchestration ended" }, await host.ColumnAsync("reason"));
    }

    [TestMethod]
    public async Task Local_job_over_its_walltime_times_out()
    {
        using var dir = new TempDirectory();
        await using var host = await JobsHost.StartAsync(dir.Path);
        var spec = JobSpec.ForCommand("slow", "/bin/sleep", "30") with { Walltime = TimeSpan.FromSeconds(1) };
        var outcomes = await host.RunAsync(new RunJobsInput([spec], JobRetryPolicy.Default));
        Assert.AreEqual(JobState.Timeout, outcomes[0].State);
    }

    [TestMethod]
    public async Task RunJobAsync_retries_per_failure_class_with_new_keys()
    {
        using var dir = new TempDirectory();
        // Fails twice, then succeeds: a counter file outside the job directory keeps the count between attempts.
        var script = Path.Combine(dir.Path, "flaky.sh");
        await File.WriteAllTextAsync(script, "n=$(cat \"$1\" 2>/dev/null || echo 0); n=$((n+1)); echo $n >\"$1\"; [ $n -ge 3 ] || { echo \"attempt $n fails\" >&2; exit 5; }; echo ok\n");
        var counter = Path.Combine(dir.Path, "count");
        await using var host = await JobsHost.StartAsync(dir.Path);
        var flaky = JobSpec.ForCommand("flaky", "/bin/sh", script, counter);

        var notRetried = await host.RunAsync(new RunJobsInput([flaky], JobRetryPolicy.Default), "no-retry");
        Assert.AreEqual(JobState.Failed, notRetried[0].State);
        Assert.AreEqual("no-retry/flaky/1", notRetried[0].JobKey);

        File.Delete(counter);
        var retried = await host.RunAsync(new RunJobsInput([flaky], JobRetryPolicy.Default with { RetryNonZeroExit = true, MaxAttempts = 3 }), "retry");
        Assert.AreEqual(JobState.Completed, retried[0].State);
        Assert.AreEqual("retry/flaky/3", retried[0].JobKey);
        CollectionAssert.AreEqual(new[] { "failed", "failed", "completed" }, await host.ColumnAsync("state", "instance_id = 'retry'"));
        CollectionAssert.AreEqual(new[] { "5", "5", "0" }, await host.ColumnAsync("exit_code", "instance_id = 'retry'"));

        var attrition = await host.Queries.AttritionAsync("retry");
        Assert.AreEqual((1, 1, 0, 0), (attrition.Expected, attrition.Finished, attrition.Failed, attrition.Missing));
        var failures = await host.Queries.ListAsync(new JobQuery { States = [JobState.Failed] });
        Assert.AreEqual(3, failures.Count);
        StringAssert.Contains(failures.First(f => f.InstanceId == "no-retry").StderrTail, "attempt 1 fails");
    }

    [TestMethod]
    public async Task Failed_job_surfaces_as_JobFailedException_naming_key_and_class()
    {
        using var dir = new TempDirectory();
        await using var host = await JobsHost.StartAsync(dir.Path);
        var outcomes = await host.RunAsync(new RunJobsInput([JobSpec.ForCommand("false", "/bin/false")]), "typed");
        var ex = new JobFailedException(outcomes[0]);
        Assert.AreEqual("typed/false/1", ex.JobKey);
        Assert.AreEqual(JobState.Failed, ex.FailureClass);
        StringAssert.Contains(ex.Message, "typed/false/1");
        StringAssert.Contains(ex.Message, "Failed");
    }
}
