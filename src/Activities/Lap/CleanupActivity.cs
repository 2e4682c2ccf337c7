using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>
/// lap_science.pl --cleanup_mode: every chip of the sequence that no run uses actively any more loses its products (chip,
/// warps, destreaked warps); a chip that an active run still uses is kept. Stacks and differences are results and stay.
/// </summary>
public sealed class CleanupActivity(INightshiftSqlStore store) : TaskActivity<LapStep, LapCleanupResult>
{
    /// <inheritdoc/>
    public override async Task<LapCleanupResult> RunAsync(TaskActivityContext context, LapStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var db = new LapLedger(store);
        return await db.WriteAsync(async (c, tx) =>
        {
            var rows = await db.RowsAsync(c, tx,
                "SELECT c.chip_id, c.exp_id, c.exp_name, c.record, " +
                $"(SELECT COUNT(*) FROM {db.P}lap_exposures x WHERE x.chip_id = c.chip_id AND x.active = 1) AS active_runs " +
                $"FROM {db.P}lap_chips c WHERE c.seq_id = @s AND c.state <> 'cleaned' ORDER BY c.exp_id", ct, ("@s", input.SeqId)).ConfigureAwait(false);
            var cleaned = new List<string>();
            var kept = new List<string>();
            var removed = 0;
            foreach (var row in rows)
            {
                var chipId = (string)row[0]!;
                if (Convert.ToInt64(row[4], System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    kept.Add(chipId);
                    continue;
                }

                var record = LapSteps.FromJson<ExposureRecord>(row[3]);
                var files = new List<string>();
                if (record is not null)
                {
                    files.AddRange(record.Chip.Files);
                    files.AddRange(record.Warps.SelectMany(w => w.Product.Files));
                }

                var destreak = Path.Combine(input.WorkDirectory, "destreak");
                if (Directory.Exists(destreak))
                {
                    files.AddRange(Directory.EnumerateFiles(destreak, $"{(string)row[2]!}.*", SearchOption.AllDirectories));
                }

                removed += CleanupKernel.Run(files, input.OutputDirectory).Removed.Count;
                var now = db.Now;
                await db.ExecuteAsync(c, tx, $"UPDATE {db.P}lap_chips SET state = 'cleaned', updated = @t WHERE chip_id = @c", ct, ("@t", now), ("@c", chipId)).ConfigureAwait(false);
                await db.ExecuteAsync(c, tx, $"UPDATE {db.P}lap_exposures SET data_state = 'cleaned', updated = @t WHERE chip_id = @c AND data_state = 'full'",
                    ct, ("@t", now), ("@c", chipId)).ConfigureAwait(false);
                cleaned.Add(chipId);
            }

            return new LapCleanupResult(cleaned, kept, removed);
        }, ct).ConfigureAwait(false);
    }
}
