using Nightshift.Durable;

namespace Nightshift.Activities.Steps;

/// <summary>Records a step's result, products and undo.</summary>
internal sealed class CompleteStepActivity(StepLedger ledger, TimeProvider time) : Activity<StepCompletion, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, StepCompletion input)
    {
        await ledger.EndAsync(input, StepStatus.Completed, time.GetUtcNow().UtcDateTime, context.CancellationToken).ConfigureAwait(false);
        return true;
    }
}
