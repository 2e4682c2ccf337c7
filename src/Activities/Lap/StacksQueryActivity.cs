using Microsoft.DurableTask;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>The skycells for which some run of the sequence has made a stack, with the newest stack's image of each.</summary>
public sealed class StacksQueryActivity(INightshiftSqlStore store) : TaskActivity<LapStep, IReadOnlyDictionary<string, string>>
{
    /// <inheritdoc/>
    public override async Task<IReadOnlyDictionary<string, string>> RunAsync(TaskActivityContext context, LapStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var db = new LapLedger(store);
        var rows = await db.RowsAsync($"SELECT skycell, image FROM {db.P}lap_stacks WHERE seq_id = @s AND state = 'full' AND image IS NOT NULL ORDER BY updated, pass", ct, ("@s", input.SeqId)).ConfigureAwait(false);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (File.Exists((string)row[1]!))
            {
                result[(string)row[0]!] = (string)row[1]!;
            }
        }

        return result;
    }
}
