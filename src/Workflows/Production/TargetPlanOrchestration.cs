using Microsoft.DurableTask;
using Nightshift.Activities.Production;

namespace Nightshift.Workflows.Production;

/// <summary>The target plans of one target, in order: flux_solution → flux_calibration → cubefit → extract_star → analyze_timeseries.</summary>
internal sealed class TargetPlanOrchestration : TaskOrchestrator<ChainInput, ChainResult>
{
    public override Task<ChainResult> RunAsync(TaskOrchestrationContext context, ChainInput input)
        => PlanChain.RunAsync(context, input, UnitRecord.Target, ProductionPlans.Target,
            plan => ProductionPlans.TargetJob(plan, input.Raw, input.Prod, input.Unit, input.Nights, input.Backend));
}
