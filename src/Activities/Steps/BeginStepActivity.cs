using Nightshift.Durable;

namespace Nightshift.Activities.Steps;

/// <summary>Looks a step up in the ledger and, unless it can be reused, records it as running.</summary>
internal sealed class BeginStepActivity(StepLedger ledger, TimeProvider time) : Activity<StepBeginRequest, StepBeginResult>
{
    public override Task<StepBeginResult> RunAsync(ActivityContext context, StepBeginRequest input)
        => ledger.BeginAsync(input, time.GetUtcNow().UtcDateTime, context.CancellationToken);
}
