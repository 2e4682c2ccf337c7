using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>Magic/destreak of one exposure (or pair) across all its skycells at once.</summary>
public sealed class MagicActivity(INightshiftSqlStore store) : TaskActivity<MagicStepInput, MagicStepResult>
{
    /// <inheritdoc/>
    public override async Task<MagicStepResult> RunAsync(TaskActivityContext context, MagicStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var db = new LapLedger(store);
        return await LapSteps.GuardAsync(db, step, "magic", input.ScienceName, () =>
        {
            var results = input.Job is { } job ? job.Read<List<MagicResult>>() : MagicKernel.RunExposure(input.Inputs);
            return Task.FromResult(new MagicStepResult(
                [.. results.Select(r => r.DestreakedScience)], [.. results.Select(r => r.DestreakedTemplate)], results.Sum(r => r.Streaks.Count)));
        }, ct).ConfigureAwait(false);
    }
}
