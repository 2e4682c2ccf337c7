using Microsoft.DurableTask;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>
/// Reads the sequence ledger for exposures another run is processing. An exposure whose products were cleaned meanwhile is
/// claimed by the asking run, which then regenerates it.
/// </summary>
public sealed class LookupActivity(INightshiftSqlStore store) : TaskActivity<LedgerLookupInput, IReadOnlyList<LedgerEntry>>
{
    /// <inheritdoc/>
    public override async Task<IReadOnlyList<LedgerEntry>> RunAsync(TaskActivityContext context, LedgerLookupInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var db = new LapLedger(store);
        return await db.WriteAsync(async (c, tx) =>
        {
            var result = new List<LedgerEntry>();
            foreach (var expId in input.ExpIds)
            {
                var rows = await db.RowsAsync(c, tx, $"SELECT state, owner, record FROM {db.P}lap_chips WHERE seq_id = @s AND exp_id = @e", ct,
                    ("@s", step.SeqId), ("@e", expId)).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    throw new LapFaultException(LapFault.Programming, $"exposure {expId} is not in the ledger of sequence {step.SeqId}");
                }

                var state = (string)rows[0][0]!;
                var owner = rows[0][1] as string;
                var record = LapSteps.FromJson<ExposureRecord>(rows[0][2]);
                if (state == "cleaned" || (state == "full" && record is not null && !record.ProductsExist()))
                {
                    await db.ExecuteAsync(c, tx, $"UPDATE {db.P}lap_chips SET owner = @l, state = 'new', updated = @t WHERE seq_id = @s AND exp_id = @e",
                        ct, ("@l", step.LapId), ("@t", db.Now), ("@s", step.SeqId), ("@e", expId)).ConfigureAwait(false);
                    result.Add(new LedgerEntry(expId, "new", step.LapId, true, null));
                }
                else
                {
                    result.Add(new LedgerEntry(expId, state, owner, false, record));
                }
            }

            return result;
        }, ct).ConfigureAwait(false);
    }
}
