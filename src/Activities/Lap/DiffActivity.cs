using Microsoft.Extensions.Options;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable;

namespace Nightshift.Activities.Lap;

/// <summary>The differences of one exposure over its skycells, recorded in <c>lap_diffs</c>.</summary>
public sealed class DiffActivity(IOptions<LapOptions> options) : Activity<DiffStepInput, DiffStepResult>
{
    /// <inheritdoc/>
    public override async Task<DiffStepResult> RunAsync(ActivityContext context, DiffStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var step = input.Step;
        await using var db = await LapLedger.OpenAsync(options.Value.ResolveLedger(step.OutputDirectory), ct).ConfigureAwait(false);
        return await LapSteps.GuardAsync(db, step, input.Kind, input.ScienceName, async () =>
        {
            var products = new List<DiffProduct>();
            var directory = Path.Combine(step.OutputDirectory, "diffs", LapStep.Safe(step.LapId), input.Kind);
            foreach (var pair in input.Pairs)
            {
                var diff = DiffKernel.Run(pair.Science, pair.Template, Path.Combine(directory, $"{input.ScienceName}-{input.TemplateName ?? "stack"}.{pair.Skycell}"));
                products.Add(new DiffProduct(pair.Skycell, diff.Output, diff.CatalogPath, diff.Detections.Count, diff.BadFraction));
                await LapLedger.ExecuteAsync(db, null,
                    "INSERT INTO lap_diffs (seq_id, lap_id, kind, science, template, skycell, image, mask, catalog, detections, bad_fraction, updated) " +
                    "VALUES (@s, @l, @k, @sci, @tpl, @c, @img, @m, @cat, @d, @b, @t) ON CONFLICT (lap_id, kind, science, skycell) DO UPDATE SET " +
                    "template = @tpl, image = @img, mask = @m, catalog = @cat, detections = @d, bad_fraction = @b, updated = @t",
                    ct, ("@s", step.SeqId), ("@l", step.LapId), ("@k", input.Kind), ("@sci", input.ScienceExp), ("@tpl", input.TemplateExp), ("@c", pair.Skycell),
                    ("@img", diff.Output.Image), ("@m", diff.Output.Mask), ("@cat", diff.CatalogPath), ("@d", diff.Detections.Count), ("@b", diff.BadFraction),
                    ("@t", LapLedger.Now)).ConfigureAwait(false);
            }

            var bad = products.Count == 0 ? 1.0 : products.Average(p => p.BadFraction);
            return new DiffStepResult(input.Kind, input.ScienceExp, input.TemplateExp, products, bad);
        }, ct).ConfigureAwait(false);
    }
}
