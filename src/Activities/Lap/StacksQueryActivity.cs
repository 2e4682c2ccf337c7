using Microsoft.Extensions.Options;
using Nightshift.Durable;

namespace Nightshift.Activities.Lap;

/// <summary>The skycells for which some run of the sequence has made a stack, with the newest stack's image of each.</summary>
public sealed class StacksQueryActivity(IOptions<LapOptions> options) : Activity<LapStep, IReadOnlyDictionary<string, string>>
{
    /// <inheritdoc/>
    public override async Task<IReadOnlyDictionary<string, string>> RunAsync(ActivityContext context, LapStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        await using var db = await LapLedger.OpenAsync(options.Value.ResolveLedger(input.OutputDirectory), ct).ConfigureAwait(false);
        var rows = await LapLedger.RowsAsync(db, null,
            "SELECT skycell, image FROM lap_stacks WHERE seq_id = @s AND state = 'full' AND image IS NOT NULL ORDER BY updated, pass", ct, ("@s", input.SeqId)).ConfigureAwait(false);
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
