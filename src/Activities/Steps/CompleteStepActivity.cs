using Microsoft.DurableTask;

namespace Nightshift.Activities.Steps;

/// <summary>Records a step's result, products and undo.</summary>
internal sealed class CompleteStepActivity(StepLedger ledger, TimeProvider time) : TaskActivity<StepCompletion, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepCompletion input)
    {
        await ledger.EndAsync(input, StepStatus.Completed, time.GetUtcNow().UtcDateTime, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
