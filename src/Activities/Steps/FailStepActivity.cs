using Nightshift.Durable;

namespace Nightshift.Activities.Steps;

/// <summary>Records that a step's work failed, with the message.</summary>
internal sealed class FailStepActivity(StepLedger ledger, TimeProvider time) : Activity<StepCompletion, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, StepCompletion input)
    {
        await ledger.EndAsync(input, StepStatus.Failed, time.GetUtcNow().UtcDateTime, context.CancellationToken).ConfigureAwait(false);
        return true;
    }
}
