using Microsoft.DurableTask.Client;
using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Replay;

/// <summary>A non-deterministic orchestrator on the running runtime: it fails with a message, it does not hang or retry forever.</summary>
[TestClass]
public sealed class NonDeterminismTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Orchestrator_that_changes_its_first_call_on_replay_ends_Failed_naming_the_mismatch()
    {
        using var backend = new SqliteBackend();

        // Without extended sessions every episode replays from the history, which is what exposes the mismatch.
        await using var host = await RuntimeHost.StartAsync(backend, o => o.ExtendedSessions = false);
        var state = await host.RunAsync("Fickle", "x", "fickle-1");

        Assert.AreEqual(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        StringAssert.Contains(state.FailureDetails!.ErrorType, "NonDeterministicOrchestrationException");
        StringAssert.Contains(state.FailureDetails.ErrorMessage, "Echo", "the message names the call the history recorded");
        Assert.AreEqual(2, TestTasks.FickleRuns["fickle-1"], "one run, one replay that disagreed, and no retries after it");
    }
}
