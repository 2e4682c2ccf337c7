using Microsoft.DurableTask;
using Nightshift.Durable;

namespace Nightshift.Activities.Steps;

/// <summary>
/// Resets steps: runs the undo each selected step declared (most recently completed first, so a later subtraction is
/// added back before an earlier one), then deletes their products and rows. Run as a child of a pipeline at a safe
/// point, or on its own by <c>nightshift reset</c> for a run that has ended.
/// </summary>
internal sealed class StepResetOrchestration : TaskOrchestrator<StepSelection, StepResetResult>
{
    public override async Task<StepResetResult> RunAsync(TaskOrchestrationContext context, StepSelection input)
    {
        var steps = await context.CallActivityAsync<IReadOnlyList<StepRecord>>(StepActivityNames.Select, input);
        var undone = new List<string>();
        foreach (var step in steps)
        {
            // Only a completed step's undo is owed: a running or failed one recorded none (its work is not known to be applied).
            if (step is { Status: StepStatus.Completed, Undo: { } undo })
            {
                await context.CallActivityAsync<object?>(undo.Activity, DurableJson.Deserialize<System.Text.Json.JsonElement?>(undo.Input));
                undone.Add(step.Key);
            }
        }

        var deleted = await context.CallActivityAsync<StepResetResult>(StepActivityNames.Delete, new StepDeletion(input.Scope, [.. steps.Select(s => s.Key)]));
        return deleted with { Undone = undone };
    }
}
