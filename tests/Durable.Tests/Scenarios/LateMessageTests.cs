using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class LateMessageTests
{
    public sealed class Quick : Orchestration<string, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, string input) => Task.FromResult($"done:{input}");
    }

    /// <summary>
    /// A message that reaches an instance after it finished (an event raised too late; with several workers, a
    /// message consumed by another worker's episode just as this one picked the instance) is consumed and dropped,
    /// and the instance keeps its output and completion time.
    /// </summary>
    [TestMethod]
    public async Task Event_raised_after_completion_is_consumed_and_the_output_stays()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Quick>("Quick"));
        var done = await host.RunAsync("Quick", "x", "late");

        await host.Client.RaiseEventAsync("late", "too-late", 1);
        await TestHost.WaitUntilAsync(async () => await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events") == 0, "the late event is consumed");

        var after = await host.Client.GetAsync("late");
        Assert.AreEqual(OrchestrationStatus.Completed, after!.Status);
        Assert.AreEqual("done:x", after.ReadOutputAs<string>());
        Assert.AreEqual(done.CompletedAt, after.CompletedAt);
        Assert.IsNull(await Sql.ScalarAsync(store.Path, "SELECT locked_by FROM instances WHERE instance_id = 'late'"), "the lock is released");
    }
}
