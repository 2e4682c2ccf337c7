using Nightshift.Activities.Jobs;

namespace Nightshift.Activities.Tests.Jobs;

[TestClass]
public sealed class SlurmParserTests
{
    [TestMethod]
    public void Squeue_lines_map_states_array_tasks_and_pending_ranges()
    {
        var s = SlurmParser.ParseSqueue(
            "25_0|29|25|0|ns-array|COMPLETED|None|vm|2026-11-22T02:16:51|2026-11-22T02:16:51\n" +
            "27_0|27|27|0|ns-oom|OUT_OF_MEMORY|OutOfMemory|vm|2026-11-22T02:16:56|2026-11-22T02:16:56\n" +
            "15_[0-3]|15|15|0-3|ns-held|PENDING|JobHeldUser|\n" +
            "18_[0-999%50]|18|18|0-999%50|ns-pend|PENDING|Resources|\n" +
            "5_1|5|5|1|tojob|COMPLETING|TimeLimit|vm|2026-11-22T02:12:44|2026-11-22T02:14:02\n");
        Assert.AreEqual(JobState.Completed, s["25_0"].State);
        Assert.AreEqual(JobState.OutOfMemory, s["27_0"].State);
        Assert.AreEqual(JobState.Held, s["15_3"].State);
        Assert.AreEqual(JobState.Queued, s["18_999"].State);
        Assert.AreEqual(JobState.Running, s["5_1"].State, "COMPLETING is not over yet");
    }

    [TestMethod]
    public void Sacct_lines_give_exit_codes_cpu_and_maxrss_from_the_batch_step()
    {
        var s = SlurmParser.ParseSacct(
            "40_0|FAILED|3:0|None|2026-11-22T02:17:06|2026-11-22T02:17:06|00:00.120|\n" +
            "40_0.batch|FAILED|3:0||2026-11-22T02:17:06|2026-11-22T02:17:06|00:00.120|3652K\n" +
            "43_0|CANCELLED by 0|0:0|None|2026-11-22T02:17:07|2026-11-22T02:17:08|00:00:00|\n" +
            "44_0|TIMEOUT|0:15|TimeLimit|2026-11-22T02:17:09|2026-11-22T02:18:38|01:02:03|\n");
        Assert.AreEqual(JobState.Failed, s["40_0"].State);
        Assert.AreEqual(3, s["40_0"].ExitCode);
        Assert.AreEqual(3652 * 1024L, s["40_0"].MaxRssBytes);
        Assert.AreEqual(0.12, s["40_0"].CpuSeconds!.Value, 1e-9);
        Assert.AreEqual(JobState.Cancelled, s["43_0"].State);
        Assert.AreEqual(JobState.Timeout, s["44_0"].State);
        Assert.AreEqual(3723, s["44_0"].CpuSeconds);
    }

    [TestMethod]
    public void Transient_controller_errors_are_recognised()
    {
        Assert.IsTrue(SchedulerCommand.IsTransient("sbatch: error: Batch job submission failed: Socket timed out on send/recv operation"));
        Assert.IsTrue(SchedulerCommand.IsTransient("squeue: error: slurm_receive_msg: Unexpected message received"));
        Assert.IsFalse(SchedulerCommand.IsTransient("sbatch: error: invalid partition specified: nope"));
    }
}
