using Microsoft.DurableTask;

namespace Nightshift.Activities.Production;

/// <summary>Marks a registered production run completed or failed, with its counts.</summary>
internal sealed class EndProductionActivity(ProductionLedger ledger, TimeProvider time) : TaskActivity<ProductionEnd, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ProductionEnd input)
    {
        if (input.Register)
        {
            await ledger.EndAsync(input, time.GetUtcNow().UtcDateTime, CancellationToken.None).ConfigureAwait(false);
        }

        return input.Status;
    }
}
