using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>The differences of one exposure over its skycells, recorded in <c>lap_diffs</c>.</summary>
public sealed class DiffActivity(INightshiftSqlStore store) : TaskActivity<DiffStepInput, DiffStepResult>
{
    /// <inheritdoc/>
    public override async Task<DiffStepResult> RunAsync(TaskActivityContext context, DiffStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var db = new LapLedger(store);
        return await LapSteps.GuardAsync(db, step, input.Kind, input.ScienceName, async () =>
        {
            var products = new List<DiffProduct>();
            IReadOnlyList<DiffResult> results = input.Job is { } job
                ? job.Read<List<DiffResult>>()
                : [.. input.Pairs.Select(p => DiffKernel.Run(p.Science, p.Template, step.DiffBase(input.Kind, input.ScienceName, input.TemplateName, p.Skycell)))];
            if (results.Count != input.Pairs.Count)
            {
                throw new LapFaultException(LapFault.Data, $"{input.Kind} of {input.ScienceName}: {results.Count} differences for {input.Pairs.Count} skycells");
            }

            foreach (var (pair, diff) in input.Pairs.Zip(results))
            {
                products.Add(new DiffProduct(pair.Skycell, diff.Output, diff.CatalogPath, diff.Detections.Count, diff.BadFraction));
                await db.ExecuteAsync($"INSERT INTO {db.P}lap_diffs (seq_id, lap_id, kind, science, template, skycell, image, mask, catalog, detections, bad_fraction, updated) " +
                    "VALUES (@s, @l, @k, @sci, @tpl, @c, @img, @m, @cat, @d, @b, @t) ON CONFLICT (lap_id, kind, science, skycell) DO UPDATE SET " +
                    "template = @tpl, image = @img, mask = @m, catalog = @cat, detections = @d, bad_fraction = @b, updated = @t",
                    ct, ("@s", step.SeqId), ("@l", step.LapId), ("@k", input.Kind), ("@sci", input.ScienceExp), ("@tpl", input.TemplateExp), ("@c", pair.Skycell),
                    ("@img", diff.Output.Image), ("@m", diff.Output.Mask), ("@cat", diff.CatalogPath), ("@d", diff.Detections.Count), ("@b", diff.BadFraction),
                    ("@t", db.Now)).ConfigureAwait(false);
            }

            var bad = products.Count == 0 ? 1.0 : products.Average(p => p.BadFraction);
            return new DiffStepResult(input.Kind, input.ScienceExp, input.TemplateExp, products, bad);
        }, ct).ConfigureAwait(false);
    }
}
