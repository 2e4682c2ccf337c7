using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>
/// The warp stage of one exposure onto every skycell of the tessellation it covers (not only the run's cell), so that its
/// warps serve every run of the sequence that selects it.
/// </summary>
public sealed class WarpActivity(INightshiftSqlStore store) : TaskActivity<WarpStepInput, ExposureRecord>
{
    /// <inheritdoc/>
    public override async Task<ExposureRecord> RunAsync(TaskActivityContext context, WarpStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var chip = input.Chip;
        var db = new LapLedger(store);
        var rows = await db.RowsAsync($"SELECT state, record FROM {db.P}lap_chips WHERE seq_id = @s AND exp_id = @e", ct,
            ("@s", step.SeqId), ("@e", chip.ExpId)).ConfigureAwait(false);
        if (rows.Count == 1 && rows[0][0] is "full" && LapSteps.FromJson<ExposureRecord>(rows[0][1]) is { } done && done.ProductsExist())
        {
            return done;
        }

        return await LapSteps.GuardAsync(db, step, "warp", chip.Name, async () =>
        {
            var warp = input.Job is { } job ? job.Read<WarpResult>() : WarpFileKernel.Run(step.SurveyDirectory, chip.Chip, step.WarpDirectory(chip.Name));
            var record = chip with
            {
                WarpBadFraction = warp.BadFraction,
                Warps = [.. warp.Warps.Select(w => new WarpRef(w.Skycell, w.Output, w.BadFraction, w.CoveredFraction))],
            };
            await db.ExecuteAsync($"UPDATE {db.P}lap_chips SET state = 'full', warp_bad = @b, record = @r, warp_runs = warp_runs + 1, updated = @t WHERE seq_id = @s AND exp_id = @e",
                ct, ("@b", warp.BadFraction), ("@r", LapSteps.Json(record)), ("@t", db.Now), ("@s", step.SeqId), ("@e", chip.ExpId)).ConfigureAwait(false);
            return record;
        }, ct).ConfigureAwait(false);
    }
}
