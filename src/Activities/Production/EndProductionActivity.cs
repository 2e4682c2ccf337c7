using Nightshift.Durable;

namespace Nightshift.Activities.Production;

/// <summary>Marks a registered production run completed or failed, with its counts.</summary>
internal sealed class EndProductionActivity(ProductionLedger ledger, TimeProvider time) : Activity<ProductionEnd, string>
{
    public override async Task<string> RunAsync(ActivityContext context, ProductionEnd input)
    {
        if (input.Register)
        {
            await ledger.EndAsync(input, time.GetUtcNow().UtcDateTime, context.CancellationToken).ConfigureAwait(false);
        }

        return input.Status;
    }
}
