using Microsoft.DurableTask;

namespace Nightshift.Activities.Steps;

/// <summary>Records that a step's work failed, with the message.</summary>
internal sealed class FailStepActivity(StepLedger ledger, TimeProvider time) : TaskActivity<StepCompletion, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepCompletion input)
    {
        await ledger.EndAsync(input, StepStatus.Failed, time.GetUtcNow().UtcDateTime, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
