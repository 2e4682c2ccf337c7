using Nightshift.Activities.Demo;
using Nightshift.Durable;

namespace Nightshift.Workflows.Demo;

/// <summary>Registers the built-in demo: the orchestration "demo" and its four activities.</summary>
public static class DemoPipeline
{
    /// <summary>The orchestration's registered name.</summary>
    public const string Name = "demo";

    /// <summary>Adds the demo orchestration and its activities to a Nightshift builder.</summary>
    public static NightshiftBuilder AddDemo(this NightshiftBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddOrchestrator<DemoOrchestration>(Name)
            .AddTaskActivity<CountChunkActivity>(DemoActivityNames.Chunk)
            .AddTaskActivity<ReduceActivity>(DemoActivityNames.Reduce)
            .AddTaskActivity<VerifyActivity>(DemoActivityNames.Verify)
            .AddTaskActivity<SummariseActivity>(DemoActivityNames.Summarise);
    }
}
