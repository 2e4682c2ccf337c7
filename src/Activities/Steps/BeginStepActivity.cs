using Microsoft.DurableTask;

namespace Nightshift.Activities.Steps;

/// <summary>Looks a step up in the ledger and, unless it can be reused, records it as running.</summary>
internal sealed class BeginStepActivity(StepLedger ledger, TimeProvider time) : TaskActivity<StepBeginRequest, StepBeginResult>
{
    public override Task<StepBeginResult> RunAsync(TaskActivityContext context, StepBeginRequest input)
        => ledger.BeginAsync(input, time.GetUtcNow().UtcDateTime, CancellationToken.None);
}
