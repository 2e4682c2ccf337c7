using Microsoft.Extensions.DependencyInjection;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class TypedDataTests
{
    public enum Band
    {
        Low,
        High,
    }

    public sealed record Observation(string Target, Band Band, List<double> Fluxes, DateTime TakenAt);

    public sealed record Summary(string Target, Band Band, int Count, double Mean, string CalibratedBy, Dictionary<string, int> Flags);

    public sealed record Night(string Name, List<Observation> Observations);

    /// <summary>A service an activity takes in its constructor; registered by the test, not by Nightshift.</summary>
    public sealed class Calibrator
    {
        public string Name => "calibrator-7";

        public double Scale => 2.0;
    }

    public sealed class Summarise(Calibrator calibrator) : Activity<Observation, Summary>
    {
        public override Task<Summary> RunAsync(ActivityContext context, Observation input)
            => Task.FromResult(new Summary(
                input.Target,
                input.Band,
                input.Fluxes.Count,
                input.Fluxes.Average() * calibrator.Scale,
                calibrator.Name,
                new Dictionary<string, int> { ["negative"] = input.Fluxes.Count(f => f < 0) }));
    }

    public sealed class Plan : Orchestration<Night, List<Summary>>
    {
        public override async Task<List<Summary>> RunAsync(OrchestrationContext context, Night input)
        {
            var summaries = await Task.WhenAll(input.Observations.Select(o => context.CallActivityAsync<Summary>("Summarise", o)));
            return [.. summaries];
        }
    }

    [TestMethod]
    public async Task Records_and_lists_round_trip_through_json_and_activities_get_injected_services()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(
            store.Path,
            b => b.AddOrchestration<Plan>("Plan").AddActivity<Summarise>("Summarise"),
            services: s => s.AddSingleton<Calibrator>());
        var taken = new DateTime(2024, 3, 1, 22, 15, 0, DateTimeKind.Utc);
        var night = new Night("2024-03-01",
        [
            new Observation("SN2011fe", Band.High, [1.0, 2.0, 3.0], taken),
            new Observation("PTF11kly", Band.Low, [-1.0, 5.0], taken.AddMinutes(5)),
        ]);

        var state = await host.RunAsync("Plan", night);

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        Assert.AreEqual(night.Name, state.ReadInputAs<Night>()!.Name);
        var summaries = state.ReadOutputAs<List<Summary>>()!;
        Assert.HasCount(2, summaries);
        Assert.AreEqual("SN2011fe", summaries[0].Target);
        Assert.AreEqual(Band.High, summaries[0].Band);
        Assert.AreEqual(3, summaries[0].Count);
        Assert.AreEqual(4.0, summaries[0].Mean, 1e-12, "the mean scaled by the injected service");
        Assert.AreEqual("calibrator-7", summaries[0].CalibratedBy);
        Assert.AreEqual(0, summaries[0].Flags["negative"]);
        Assert.AreEqual("PTF11kly", summaries[1].Target);
        Assert.AreEqual(Band.Low, summaries[1].Band);
        Assert.AreEqual(4.0, summaries[1].Mean, 1e-12);
        Assert.AreEqual(1, summaries[1].Flags["negative"]);

        // The activity's input as stored is JSON with camelCase names and enums by name, readable in v_history.
        var history = await host.Client.GetHistoryAsync(state.InstanceId);
        var scheduled = history.First(e => e.EventType == "TaskScheduled").Payload ?? "";
        Assert.Contains("\"target\":\"SN2011fe\"", scheduled);
        Assert.Contains("\"band\":\"High\"", scheduled);
        Assert.Contains("\"takenAt\":\"2024-03-01T22:15:00Z\"", scheduled);
    }

    public sealed class Square : Activity<int, long>
    {
        public override Task<long> RunAsync(ActivityContext context, int input) => Task.FromResult((long)input * input);
    }

    public sealed class Squares : Orchestration<int[], long[]>
    {
        public override async Task<long[]> RunAsync(OrchestrationContext context, int[] input)
        {
            var results = new long[input.Length];
            for (var i = 0; i < input.Length; i++)
            {
                results[i] = await context.CallActivityAsync<long>("Square", input[i]);
            }

            return results;
        }
    }

    [TestMethod]
    public async Task Value_types_and_arrays_round_trip()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Squares>("Squares").AddActivity<Square>("Square"));

        var state = await host.RunAsync("Squares", new[] { 3, 0, 100_000 });

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(new long[] { 9, 0, 10_000_000_000 }, state.ReadOutputAs<long[]>());
        Assert.AreEqual("[9,0,10000000000]", state.Output);
    }

    [TestMethod]
    public async Task Input_that_is_not_valid_for_the_orchestration_fails_it_with_a_clear_message()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Squares>("Squares").AddActivity<Square>("Square"));

        var state = await host.RunAsync("Squares", new { not = "an array" });

        Assert.AreEqual(OrchestrationStatus.Failed, state.Status);
        Assert.Contains("Squares", state.Failure!.ErrorMessage);
        Assert.Contains("Int32[]", state.Failure.ErrorMessage);
    }

    public sealed class CallsUnknown : Orchestration<object?, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, object? input) => context.CallActivityAsync<string>("NoSuchActivity", 1);
    }

    [TestMethod]
    public async Task Names_that_are_not_registered_fail_with_a_message_naming_them()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Squares>("Squares").AddOrchestration<CallsUnknown>("CallsUnknown").AddActivity<Square>("Square"));

        var unknownOrchestration = await host.RunAsync("NoSuchOrchestration");
        var unknownActivity = await host.RunAsync("CallsUnknown");

        Assert.AreEqual(OrchestrationStatus.Failed, unknownOrchestration.Status);
        Assert.Contains("'NoSuchOrchestration'", unknownOrchestration.Failure!.ErrorMessage);
        Assert.Contains("Squares", unknownOrchestration.Failure.ErrorMessage, "the message lists what is registered");
        Assert.AreEqual(OrchestrationStatus.Failed, unknownActivity.Status);
        Assert.AreEqual(typeof(TaskFailedException).FullName, unknownActivity.Failure!.ErrorType);
        Assert.Contains("'NoSuchActivity'", unknownActivity.Failure.InnerFailure!.ErrorMessage);
    }
}
