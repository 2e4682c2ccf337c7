using Nightshift.Activities.Jobs;

namespace Nightshift.Activities.Tests.Jobs;

[TestClass]
public sealed class JobRetryPolicyTests
{
    [TestMethod]
    public void Default_policy_retries_node_failure_preemption_and_lost_but_not_exit_codes_timeouts_or_oom()
    {
        var p = JobRetryPolicy.Default;
        Assert.IsTrue(p.Retries(JobState.NodeFail));
        Assert.IsTrue(p.Retries(JobState.Preempted));
        Assert.IsTrue(p.Retries(JobState.Lost));
        Assert.IsFalse(p.Retries(JobState.Failed));
        Assert.IsFalse(p.Retries(JobState.Timeout));
        Assert.IsFalse(p.Retries(JobState.OutOfMemory));
        Assert.IsFalse(p.Retries(JobState.Cancelled));
    }

    [TestMethod]
    public void Out_of_memory_retry_grows_the_memory()
    {
        var p = JobRetryPolicy.Default with { RetryOutOfMemory = true, MemoryGrowth = 1.5 };
        Assert.IsTrue(p.Retries(JobState.OutOfMemory));
        var spec = JobSpec.ForCommand("x", "/bin/true") with { MemoryMb = 1000 };
        Assert.AreEqual(1500, p.NextSpec(spec, JobState.OutOfMemory).MemoryMb);
        Assert.AreEqual(1000, p.NextSpec(spec, JobState.NodeFail).MemoryMb);
        Assert.AreEqual(2048, JobRetryPolicy.Default.NextSpec(JobSpec.ForCommand("x", "/bin/true"), JobState.OutOfMemory).MemoryMb);
    }

    [TestMethod]
    public void Shell_quoting_keeps_every_word_literal()
    {
        Assert.AreEqual("'a b' 'it'\\''s' '$(rm -rf /)'", JobCommandLine.Quote(["a b", "it's", "$(rm -rf /)"]));
    }
}
