using Microsoft.DurableTask;
using Nightshift.Activities.Production;

namespace Nightshift.Workflows.Production;

/// <summary>The night plans of one night, in order: file_quality → cube_generation → extract_star → multi_standard → photometricity → photometric_ratios → gs_psf.</summary>
internal sealed class NightPlanOrchestration : TaskOrchestrator<ChainInput, ChainResult>
{
    public override Task<ChainResult> RunAsync(TaskOrchestrationContext context, ChainInput input)
        => PlanChain.RunAsync(context, input, UnitRecord.Night, ProductionPlans.Night,
            plan => ProductionPlans.NightJob(plan, input.Raw, input.Prod, input.Unit, input.Backend));
}
