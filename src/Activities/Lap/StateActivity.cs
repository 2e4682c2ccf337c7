using Microsoft.DurableTask;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>
/// Writes the run's state, its exposures' data states and its faulted stacks in one transaction. A run that becomes full
/// makes all its exposures inactive, which is what lets cleanup remove their chips.
/// </summary>
public sealed class StateActivity(INightshiftSqlStore store) : TaskActivity<LapStateUpdate, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, LapStateUpdate input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var db = new LapLedger(store);
        var now = db.Now;
        return await db.WriteAsync(async (c, tx) =>
        {
            if (input.RunState is not null || input.RunFault is not null)
            {
                await db.ExecuteAsync(c, tx,
                    $"UPDATE {db.P}lap_runs SET state = COALESCE(@st, state), fault = COALESCE(@f, fault), updated = @t WHERE lap_id = @l",
                    ct, ("@st", input.RunState), ("@f", input.RunFault), ("@t", now), ("@l", step.LapId)).ConfigureAwait(false);
            }

            if (input.RunState == "full")
            {
                await db.ExecuteAsync(c, tx, $"UPDATE {db.P}lap_exposures SET active = 0, updated = @t WHERE lap_id = @l", ct, ("@t", now), ("@l", step.LapId)).ConfigureAwait(false);
            }

            foreach (var e in input.Exposures)
            {
                await db.ExecuteAsync(c, tx,
                    $"UPDATE {db.P}lap_exposures SET data_state = COALESCE(@d, data_state), fault = COALESCE(@f, fault), private = COALESCE(@p, private), " +
                    "pairwise = COALESCE(@pw, pairwise), pair_id = COALESCE(@pid, pair_id), note = COALESCE(@n, note), updated = @t WHERE lap_id = @l AND exp_id = @e",
                    ct, ("@d", e.DataState), ("@f", e.Fault), ("@p", e.Private is { } p ? (p ? 1 : 0) : null), ("@pw", e.Pairwise is { } pw ? (pw ? 1 : 0) : null),
                    ("@pid", e.PairId), ("@n", e.Note), ("@t", now), ("@l", step.LapId), ("@e", e.ExpId)).ConfigureAwait(false);
            }

            foreach (var s in input.Stacks)
            {
                await db.ExecuteAsync(c, tx,
                    $"INSERT INTO {db.P}lap_stacks (seq_id, lap_id, skycell, pass, state, fault, inputs, updated) VALUES (@s, @l, @c, @p, @st, @f, 0, @t) " +
                    "ON CONFLICT (lap_id, skycell, pass) DO UPDATE SET state = @st, fault = @f, updated = @t",
                    ct, ("@s", step.SeqId), ("@l", step.LapId), ("@c", s.Skycell), ("@p", s.Pass), ("@st", s.State), ("@f", s.Fault), ("@t", now)).ConfigureAwait(false);
            }

            return true;
        }, ct).ConfigureAwait(false);
    }
}
