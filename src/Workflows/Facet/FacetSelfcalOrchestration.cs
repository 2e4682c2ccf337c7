using System.Globalization;
using Microsoft.DurableTask;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Durable;

namespace Nightshift.Workflows.Facet;

/// <summary>
/// Self-calibration of one direction, as Factor's loop: an initial image; two phase-only solve → apply → image cycles;
/// then amplitude+phase cycles, at most <see cref="SelfcalInput.MaxSelfcalLoops"/>, stopping early when the dynamic
/// range improves by less than <see cref="SelfcalInput.MinDynamicRangeImprovement"/> and |min/max| no longer
/// improves; then verification. Every cycle is a ledger step (<c>DIR/facetselfcal/cycleNN</c>), so a new run resumes
/// inside an interrupted loop.
/// </summary>
internal sealed class FacetSelfcalOrchestration : TaskOrchestrator<SelfcalInput, SelfcalResult>
{
    private const int PhaseOnlyCycles = 2;

    public override async Task<SelfcalResult> RunAsync(TaskOrchestrationContext context, SelfcalInput input)
    {
        var cycles = new List<SelfcalCycleResult>();
        var stopReason = "";
        SelfcalCycleResult previous = await Cycle(context, input, 0, SolveMode.PhaseOnly, null);
        cycles.Add(previous);
        var totalCycles = PhaseOnlyCycles + input.MaxSelfcalLoops;
        for (var cycle = 1; cycle <= totalCycles; cycle++)
        {
            var mode = cycle <= PhaseOnlyCycles ? SolveMode.PhaseOnly : SolveMode.AmplitudePhase;
            var current = await Cycle(context, input, cycle, mode, previous.Solutions);
            cycles.Add(current);
            // The first amplitude cycle is always kept: it changes what is solved, so its gain is not a convergence signal.
            if (mode == SolveMode.AmplitudePhase && cycle > PhaseOnlyCycles + 1)
            {
                var improvement = (current.DynamicRange - previous.DynamicRange) / previous.DynamicRange;
                if (improvement < input.MinDynamicRangeImprovement && current.MinMaxRatio >= previous.MinMaxRatio)
                {
                    stopReason = string.Create(CultureInfo.InvariantCulture,
                        $"converged after cycle {cycle}: dynamic range {previous.DynamicRange:F1} -> {current.DynamicRange:F1} ({improvement * 100:F2}% < {input.MinDynamicRangeImprovement * 100:F2}%), |min/max| {previous.MinMaxRatio:F4} -> {current.MinMaxRatio:F4}");
                    previous = current;
                    break;
                }
            }

            previous = current;
        }

        if (stopReason.Length == 0)
        {
            stopReason = string.Create(CultureInfo.InvariantCulture, $"reached max_selfcal_loops = {input.MaxSelfcalLoops}");
        }

        context.SetCustomStatus(new FacetStatus("running", input.Operation, 0, 0, [input.Direction], "verifying"));
        var verification = await context.RunStepAsync(input.Scope, FacetKeys.Step(input.Direction, input.Operation) + "/verify", FacetActivityNames.Verify,
            new VerifyInput(input.WorkingDir, input.InputDir, input.Direction, input.Directions, input.Joint, previous.Solutions!, input.Settings),
            new StepOptions<VerifyResult> { CodeVersion = FacetPipeline.CodeVersion });
        return new SelfcalResult(input.Direction, cycles, stopReason, verification);
    }

    private static Task<SelfcalCycleResult> Cycle(TaskOrchestrationContext context, SelfcalInput input, int cycle, SolveMode mode, string? seed)
    {
        context.SetCustomStatus(new FacetStatus("running", input.Operation, 0, 0, [input.Direction], string.Create(CultureInfo.InvariantCulture, $"cycle {cycle} ({mode})")));
        return context.RunStepAsync(input.Scope, FacetKeys.Step(input.Direction, input.Operation) + string.Create(CultureInfo.InvariantCulture, $"/cycle{cycle:00}"),
            FacetActivityNames.SelfcalCycle,
            new SelfcalCycleInput(input.WorkingDir, input.InputDir, input.Direction, input.Directions, input.Joint, cycle, mode, seed, input.Settings),
            new StepOptions<SelfcalCycleResult> { CodeVersion = FacetPipeline.CodeVersion });
    }
}
