using Nightshift.Activities.Facet;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Workflows.Facet;
using Nightshift.Workflows.Tests.Support;

namespace Nightshift.Workflows.Tests.Facet;

/// <summary>A facet host on a fresh SQLite store, and a small simulated field in a fresh directory.</summary>
internal static class FacetFixture
{
    /// <summary>The test field: the kernels' default field (24 antennas, 2 chunks × 12 slots, 3 channels, 5 calibrators).</summary>
    public static SimulationOptions Field { get; } = new();

    public static string NewDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ns-facet-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static Task<TestHost> StartAsync(string dir) =>
        TestHost.StartAsync(
            Path.Combine(dir, "nightshift.db"),
            b => b.AddFacet().AddOrchestrator<CallTwice>(nameof(CallTwice)),
            worker: o =>
            {
                o.OrchestrationLockTimeout = TimeSpan.FromSeconds(3);
                o.ActivityLeaseTimeout = TimeSpan.FromSeconds(30);
            });

    /// <summary>A configuration that simulates the test field into DIR/input and works in DIR/work.</summary>
    public static FacetConfig Config(string dir) => new()
    {
        WorkingDir = Path.Combine(dir, "work"),
        InputDir = Path.Combine(dir, "input"),
        Simulate = Field,
        Groupings = "1:2, 3:0",
        MaxSelfcalLoops = 4,
        Settings = new FacetSettings(),
    };

    /// <summary>A smaller field for the behaviour tests: 12 antennas, 2 chunks of 4 slots, 3 calibrators.</summary>
    public static SimulationOptions SmallField { get; } = new() { Antennas = 12, SlotsPerChunk = 4, Calibrators = 3, FaintSources = 6 };

    /// <summary>The small field, one direction per group, two amplitude cycles at most.</summary>
    public static FacetConfig SmallConfig(string dir) => Config(dir) with { Simulate = SmallField, Groupings = "1:0", MaxSelfcalLoops = 2 };

    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    public static async Task<(OrchestrationStateView State, FacetRunResult? Result)> RunAsync(TestHost host, FacetConfig config, string id)
    {
        var state = await host.RunAsync(FacetPipeline.Name, config, id, RunTimeout);
        return (new OrchestrationStateView(state.Status.ToString(), state.Failure?.ErrorMessage, state.CustomStatus), Durable.DurableJson.Deserialize<FacetRunResult>(state.Output));
    }

    public static Task WaitForAsync(Func<Task<bool>> condition, string what) => TestHost.WaitUntilAsync(condition, what, RunTimeout);

    public static Task<IReadOnlyList<StepRecord>> StepsAsync(TestHost host, FacetConfig config) =>
        ((StepQueries)host.Services.GetService(typeof(StepQueries))!).ListAsync(config.Scope);
}
