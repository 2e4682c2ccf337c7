using Microsoft.DurableTask;

namespace Nightshift.Activities.Steps;

/// <summary>The steps a reset will touch, most recently completed first.</summary>
internal sealed class SelectStepsActivity(StepLedger ledger) : TaskActivity<StepSelection, IReadOnlyList<StepRecord>>
{
    public override Task<IReadOnlyList<StepRecord>> RunAsync(TaskActivityContext context, StepSelection input)
        => ledger.SelectAsync(input, CancellationToken.None);
}
