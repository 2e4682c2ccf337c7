using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>The chip stage of one exposure, recorded in the sequence ledger (<c>lap_chips.chip_runs</c> counts kernel executions).</summary>
public sealed class ChipActivity(INightshiftSqlStore store) : TaskActivity<ChipStepInput, ExposureRecord>
{
    /// <inheritdoc/>
    public override async Task<ExposureRecord> RunAsync(TaskActivityContext context, ChipStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var db = new LapLedger(store);
        var rows = await db.RowsAsync($"SELECT state, record FROM {db.P}lap_chips WHERE seq_id = @s AND exp_id = @e", ct,
            ("@s", step.SeqId), ("@e", input.ExpId)).ConfigureAwait(false);
        if (rows.Count == 1 && rows[0][0] is "chip" or "full" && LapSteps.FromJson<ExposureRecord>(rows[0][1]) is { } done && done.Chip.Exists())
        {
            // A repeated delivery of a step that already ran: the products are there, so do not run the kernel again.
            return done with { WarpBadFraction = null, Warps = [] };
        }

        return await LapSteps.GuardAsync(db, step, "chip", input.Name, async () =>
        {
            var chip = input.Job is { } job ? job.Read<ChipResult>() : ChipFileKernel.Run(step.SurveyDirectory, input.RawPath, step.ChipBase(input.Name));
            var record = new ExposureRecord(input.ExpId, input.Name, chip.Output, chip.BadFraction, null, []);
            await db.ExecuteAsync($"UPDATE {db.P}lap_chips SET state = 'chip', chip_bad = @b, record = @r, chip_runs = chip_runs + 1, updated = @t WHERE seq_id = @s AND exp_id = @e",
                ct, ("@b", chip.BadFraction), ("@r", LapSteps.Json(record)), ("@t", db.Now), ("@s", step.SeqId), ("@e", input.ExpId)).ConfigureAwait(false);
            return record;
        }, ct).ConfigureAwait(false);
    }
}
