using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>
/// laptool -definerun: the run row, one lapExp row per exposure inside the cell's radius, and the sequence ledger's answer for
/// each (reuse the products, regenerate cleaned ones, or process it here). Idempotent: a second delivery finds its rows.
/// </summary>
public sealed class DefineRunActivity(INightshiftSqlStore store) : TaskActivity<DefineRunInput, RunPlan>
{
    /// <inheritdoc/>
    public override async Task<RunPlan> RunAsync(TaskActivityContext context, DefineRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var manifest = SurveyManifest.Load(step.SurveyDirectory);
        var cell = manifest.ProjectionCells.FirstOrDefault(c => c.Name == input.Cell)
            ?? throw new LapFaultException(LapFault.Config, $"no projection cell '{input.Cell}' in the survey (known: {string.Join(", ", manifest.ProjectionCells.Select(c => c.Name))})");
        var radius = input.RadiusDeg ?? cell.RadiusDeg;
        var selected = manifest.Exposures
            .Where(e => e.Filter == input.Filter && Separation(e.RaDeg, e.DecDeg, cell.RaDeg, cell.DecDeg) <= radius)
            .OrderBy(e => e.MjdObs).ThenBy(e => e.ExpId).ToList();

        var db = new LapLedger(store);
        return await db.WriteAsync(async (c, tx) =>
        {
            var now = db.Now;
            await db.ExecuteAsync(c, tx, $"INSERT INTO {db.P}lap_sequences (seq_id, description, registered) VALUES (@s, @d, @n) ON CONFLICT (seq_id) DO NOTHING",
                ct, ("@s", step.SeqId), ("@d", $"LAP sequence {step.SeqId}"), ("@n", now)).ConfigureAwait(false);
            await db.ExecuteAsync(c, tx,
                $"INSERT INTO {db.P}lap_runs (lap_id, seq_id, projection_cell, filter, label, state, fault, registered, updated) VALUES (@l, @s, @c, @f, @lb, 'new', 0, @n, @n) ON CONFLICT (lap_id) DO NOTHING",
                ct, ("@l", step.LapId), ("@s", step.SeqId), ("@c", cell.Name), ("@f", input.Filter), ("@lb", input.Label), ("@n", now)).ConfigureAwait(false);

            var planned = new List<PlannedExposure>();
            foreach (var e in selected)
            {
                var raw = manifest.Resolve(e.RawPath);
                var junk = IsJunk(e.Comment);
                var chipId = $"{step.SeqId}/{e.Name}";
                string state;
                var owner = false;
                ExposureRecord? record = null;
                if (junk)
                {
                    state = "drop";
                }
                else
                {
                    var rows = await db.RowsAsync(c, tx, $"SELECT state, owner, record FROM {db.P}lap_chips WHERE seq_id = @s AND exp_id = @e", ct,
                        ("@s", step.SeqId), ("@e", e.ExpId)).ConfigureAwait(false);
                    if (rows.Count == 0)
                    {
                        await db.ExecuteAsync(c, tx,
                            $"INSERT INTO {db.P}lap_chips (seq_id, exp_id, exp_name, chip_id, owner, state, updated) VALUES (@s, @e, @n, @c, @l, 'new', @t)",
                            ct, ("@s", step.SeqId), ("@e", e.ExpId), ("@n", e.Name), ("@c", chipId), ("@l", step.LapId), ("@t", now)).ConfigureAwait(false);
                        (state, owner) = ("new", true);
                    }
                    else
                    {
                        var rowState = (string)rows[0][0]!;
                        var rowOwner = rows[0][1] as string;
                        record = LapSteps.FromJson<ExposureRecord>(rows[0][2]);
                        if (rowState == "full" && record is not null && record.ProductsExist())
                        {
                            state = "full";
                        }
                        else if (rowState == "cleaned" || (rowState == "full" && record is not null))
                        {
                            // Its products were cleaned: this run regenerates them (LAP's 'exists' → update chip, destreak, warp).
                            await db.ExecuteAsync(c, tx, $"UPDATE {db.P}lap_chips SET owner = @l, state = 'new', updated = @t WHERE seq_id = @s AND exp_id = @e",
                                ct, ("@l", step.LapId), ("@t", now), ("@s", step.SeqId), ("@e", e.ExpId)).ConfigureAwait(false);
                            (state, owner, record) = ("exists", true, null);
                        }
                        else
                        {
                            (state, owner, record) = ("new", rowOwner == step.LapId, null);
                        }
                    }
                }

                await db.ExecuteAsync(c, tx,
                    $"INSERT INTO {db.P}lap_exposures (lap_id, exp_id, exp_name, seq_id, chip_id, data_state, note, active, updated) VALUES (@l, @e, @n, @s, @c, @d, @note, @a, @t) ON CONFLICT (lap_id, exp_id) DO NOTHING",
                    ct, ("@l", step.LapId), ("@e", e.ExpId), ("@n", e.Name), ("@s", step.SeqId), ("@c", junk ? null : chipId), ("@d", state),
                    ("@note", junk ? "junk" : null), ("@a", junk ? 0 : 1), ("@t", now)).ConfigureAwait(false);
                planned.Add(new PlannedExposure(e.ExpId, e.Name, raw, e.Object, e.Comment, e.MjdObs, junk, state, owner, record));
            }

            return new RunPlan(cell.Name, [.. cell.Skycells.Select(s => s.Name)], planned);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Focus and test exposures are not science.</summary>
    public static bool IsJunk(string comment) =>
        comment.Contains("focus", StringComparison.OrdinalIgnoreCase) || comment.Contains("test", StringComparison.OrdinalIgnoreCase);

    private static double Separation(double ra1, double dec1, double ra2, double dec2)
    {
        var dra = (ra1 - ra2) * Math.Cos((dec1 + dec2) * Math.PI / 360);
        var ddec = dec1 - dec2;
        return Math.Sqrt((dra * dra) + (ddec * ddec));
    }
}
