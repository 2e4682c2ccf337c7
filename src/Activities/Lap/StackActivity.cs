using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>One skycell's stack in one pass, recorded in <c>lap_stacks</c>.</summary>
public sealed class StackActivity(INightshiftSqlStore store) : TaskActivity<StackStepInput, StackStepResult>
{
    /// <inheritdoc/>
    public override async Task<StackStepResult> RunAsync(TaskActivityContext context, StackStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var db = new LapLedger(store);
        return await LapSteps.GuardAsync(db, step, "stack", input.Skycell, async () =>
        {
            var stack = input.Job is { } job
                ? job.Read<StackResult>()
                : StackKernel.Run(input.Inputs, step.StackBase(input.Skycell, input.Pass), new StackOptions { MinInputs = input.MinInputs });
            await db.ExecuteAsync($"INSERT INTO {db.P}lap_stacks (seq_id, lap_id, skycell, pass, state, fault, inputs, image, updated) VALUES (@s, @l, @c, @p, @st, 0, @i, @img, @t) " +
                "ON CONFLICT (lap_id, skycell, pass) DO UPDATE SET state = @st, fault = 0, inputs = @i, image = @img, updated = @t",
                ct, ("@s", step.SeqId), ("@l", step.LapId), ("@c", input.Skycell), ("@p", input.Pass), ("@st", stack.Created ? "full" : "skipped"),
                ("@i", input.Inputs.Count), ("@img", stack.Output?.Image), ("@t", db.Now)).ConfigureAwait(false);
            return new StackStepResult(input.Skycell, input.Pass, stack.Created, stack.Output, input.Inputs.Count);
        }, ct).ConfigureAwait(false);
    }
}
