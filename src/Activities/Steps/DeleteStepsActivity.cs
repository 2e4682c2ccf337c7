using Microsoft.DurableTask;

namespace Nightshift.Activities.Steps;

/// <summary>
/// Deletes the products of the named steps (files or whole directories), then their rows. Products go first: a crash
/// in between leaves rows whose products are gone, and a rerun of the reset deletes them again (deleting a missing
/// file is not an error), whereas the other order could leave orphaned products that nothing records.
/// </summary>
internal sealed class DeleteStepsActivity(StepLedger ledger) : TaskActivity<StepDeletion, StepResetResult>
{
    public override async Task<StepResetResult> RunAsync(TaskActivityContext context, StepDeletion input)
    {
        var rows = await ledger.SelectAsync(new StepSelection(input.Scope, []), CancellationToken.None).ConfigureAwait(false);
        var keys = input.Keys.ToHashSet(StringComparer.Ordinal);
        var products = 0;
        foreach (var row in rows.Where(r => keys.Contains(r.Key)))
        {
            foreach (var path in row.Products)
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    products++;
                }
                else if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                    products++;
                }
            }
        }

        await ledger.DeleteAsync(input.Scope, input.Keys, CancellationToken.None).ConfigureAwait(false);
        return new StepResetResult(input.Keys, [], products);
    }
}
