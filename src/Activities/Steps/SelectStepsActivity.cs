using Nightshift.Durable;

namespace Nightshift.Activities.Steps;

/// <summary>The steps a reset will touch, most recently completed first.</summary>
internal sealed class SelectStepsActivity(StepLedger ledger) : Activity<StepSelection, IReadOnlyList<StepRecord>>
{
    public override Task<IReadOnlyList<StepRecord>> RunAsync(ActivityContext context, StepSelection input)
        => ledger.SelectAsync(input, context.CancellationToken);
}
