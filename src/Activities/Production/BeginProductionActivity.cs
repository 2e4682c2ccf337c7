using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Snf;

namespace Nightshift.Activities.Production;

/// <summary>
/// Plans a production run: generates the synthetic raw data first when asked and missing, lists the nights that have
/// data (<c>RAW/NIGHT/night.json</c>) and the targets seen on them, finds the nights this production has already done
/// (its <c>production_nights</c> rows, or its status files when it does not register), and registers the run.
/// </summary>
internal sealed class BeginProductionActivity(ProductionLedger ledger, TimeProvider time) : TaskActivity<ProductionSettings, ProductionPlan>
{
    public override async Task<ProductionPlan> RunAsync(TaskActivityContext context, ProductionSettings input)
    {
        var raw = Path.GetFullPath(input.Raw);
        if (input.Generate is { } generate && !Directory.Exists(raw))
        {
            var root = Path.GetDirectoryName(raw)!;
            if (Path.GetFileName(raw) != "raw")
            {
                throw new ArgumentException($"raw: generated data go to ROOT/raw, so 'raw' must end in /raw to generate, not '{input.Raw}'");
            }

            SnfGenerator.Generate(generate, root);
        }

        if (!Directory.Exists(raw))
        {
            throw new DirectoryNotFoundException($"raw: no raw data directory '{raw}'");
        }

        var prod = Path.GetFullPath(input.Key.Directory(input.Output));
        var all = Directory.GetDirectories(raw)
            .Where(d => File.Exists(Path.Combine(d, "night.json")))
            .Select(d => SnfLayout.Read<NightLog>(Path.Combine(d, "night.json")))
            .OrderBy(l => l.Night, StringComparer.Ordinal)
            .ToList();
        var logs = all.Where(l => input.Nights is null || input.Nights.Contains(l.Night)).ToList();

        // A target needs every night it was observed on, including nights outside this run's selection.
        var targets = all.SelectMany(l => l.Exposures.Where(e => e.Kind == ExposureLog.Science).Select(e => (e.Object, l.Night)))
            .GroupBy(x => x.Object, StringComparer.Ordinal)
            .Where(g => input.Targets is null || input.Targets.Contains(g.Key))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TargetNights(g.Key, g.Select(x => x.Night).Distinct().Order(StringComparer.Ordinal).ToList()))
            .ToList();
        IReadOnlyList<string> done;
        if (input.Register)
        {
            done = await ledger.DoneNightsAsync(input.Key, CancellationToken.None).ConfigureAwait(false);
            await ledger.BeginAsync(input.Key, context.InstanceId, input.Mode, raw, prod, time.GetUtcNow().UtcDateTime, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            done = all.Select(l => l.Night).Where(n =>
            {
                var file = ProductionPlans.StatusFile(prod, UnitRecord.Night, n);
                return File.Exists(file) && SnfLayout.Read<UnitStatus>(file).Status == "done";
            }).ToList();
        }

        return new ProductionPlan(raw, prod, logs.Select(l => l.Night).ToList(), done.Where(n => all.Any(l => l.Night == n)).ToList(), targets);
    }
}
