using Microsoft.DurableTask;
using Nightshift.Activities.Steps;

namespace Nightshift.Activities.Tests.Steps;

/// <summary>Runs each step through the ledger with its product and its undo declared; returns the results in order.</summary>
internal sealed class StepScenario : TaskOrchestrator<StepScenarioInput, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, StepScenarioInput input)
    {
        var results = new List<string>();
        foreach (var step in input.Steps)
        {
            results.Add(await context.RunStepAsync(input.Scope, step.Key, AppendLineActivity.Name, step, new StepOptions<string>
            {
                CodeVersion = "test/1",
                Products = _ => [step.Product],
                Undo = _ => StepUndo.Call(RemoveLineActivity.Name, step),
                Dependents = input.Dependents?.GetValueOrDefault(step.Key) ?? [],
            }));
        }

        return results;
    }
}
