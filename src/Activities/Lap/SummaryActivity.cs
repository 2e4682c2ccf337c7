using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Durable;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Lap;

/// <summary>
/// Sums up a sequence from the ledger: runs and exposures by state, stacks, the final differences, and their detections
/// matched by position against the injected transients. Writes OUTPUT/summary.json and OUTPUT/transients.csv.
/// </summary>
public sealed class SummaryActivity(INightshiftSqlStore store) : TaskActivity<SummaryInput, LapSummary>
{
    private static readonly JsonSerializerOptions Indented = new(DurableJson.Options) { WriteIndented = true };

    /// <inheritdoc/>
    public override async Task<LapSummary> RunAsync(TaskActivityContext context, SummaryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = LapSteps.RunToEnd;
        var step = input.Step;
        var manifest = SurveyManifest.Load(step.SurveyDirectory);
        var db = new LapLedger(store);
        var seq = ("@s", (object?)step.SeqId);
        var runs = (await db.RowsAsync($"SELECT state, COUNT(*) FROM {db.P}lap_runs WHERE seq_id = @s GROUP BY state ORDER BY state", ct, seq).ConfigureAwait(false))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture));
        var exposures = (await db.RowsAsync($"SELECT data_state, COUNT(*) FROM {db.P}lap_exposures WHERE seq_id = @s GROUP BY data_state ORDER BY data_state", ct, seq).ConfigureAwait(false))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture));
        var stacks = Convert.ToInt32(await db.ScalarAsync($"SELECT COUNT(*) FROM {db.P}lap_stacks WHERE seq_id = @s AND state = 'full'", ct, seq).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var faulted = Convert.ToInt32(await db.ScalarAsync($"SELECT COUNT(*) FROM {db.P}lap_stacks WHERE seq_id = @s AND state = 'fault'", ct, seq).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var diffs = (await db.RowsAsync($"SELECT lap_id, science, template, skycell, mask, catalog FROM {db.P}lap_diffs WHERE seq_id = @s AND kind = 'final' ORDER BY lap_id, science, skycell", ct, seq).ConfigureAwait(false))
            .Select(r => new FinalDiff((string)r[0]!, Convert.ToInt32(r[1], CultureInfo.InvariantCulture), r[2] is null ? null : Convert.ToInt32(r[2], CultureInfo.InvariantCulture),
                (string)r[3]!, (string)r[4]!, DiffKernel.ReadCatalog((string)r[5]!), FitsFile.Read((string)r[4]!))).ToList();

        var names = manifest.Exposures.ToDictionary(e => e.ExpId, e => e.Name);
        var radius = input.MatchRadiusArcsec / manifest.Config.PixelScaleArcsec;
        var injected = manifest.Transients.Where(t => t.ExpectedSnr >= input.MinSnr).ToList();
        var recoverable = 0;
        var recovered = 0;
        foreach (var t in injected)
        {
            var usable = diffs.Where(d => (d.Science == t.ExpId || d.Template == t.ExpId) && Unmasked(d, t.RaDeg, t.DecDeg)).ToList();
            if (usable.Count == 0)
            {
                continue;
            }

            recoverable++;
            if (usable.Any(d => Near(d, t.RaDeg, t.DecDeg, radius, d.Science == t.ExpId ? 1 : -1) is not null))
            {
                recovered++;
            }
        }

        var csv = new StringBuilder("lap_id,science,template,skycell,x,y,ra,dec,flux,flux_err,significance,match_exposure\n");
        var detections = 0;
        var falseDetections = 0;
        foreach (var d in diffs)
        {
            var wcs = TanWcs.FromHeader(d.Mask.Header);
            var truths = manifest.Transients.Where(t => t.ExpId == d.Science || t.ExpId == d.Template).ToList();
            foreach (var det in d.Detections)
            {
                detections++;
                var match = truths.FirstOrDefault(t =>
                {
                    var (x, y) = wcs.SkyToPixel(t.RaDeg, t.DecDeg);
                    return Math.Sqrt(Math.Pow(det.X - x, 2) + Math.Pow(det.Y - y, 2)) <= radius;
                });
                falseDetections += match is null ? 1 : 0;
                csv.Append(CultureInfo.InvariantCulture,
                    $"{d.LapId},{names[d.Science]},{(d.Template is { } tpl ? names[tpl] : "stack")},{d.Skycell},{det.X:F2},{det.Y:F2},{det.RaDeg:F7},{det.DecDeg:F7},{det.Flux:F1},{det.FluxError:F1},{det.Significance:F2},{match?.ExposureName}\n");
            }
        }

        var summary = new LapSummary(step.SeqId, runs, exposures, stacks, faulted, diffs.Count, detections, injected.Count, recoverable, recovered, falseDetections,
            recoverable == 0 ? 0 : recovered / (double)recoverable, detections == 0 ? 0 : falseDetections / (double)detections, step.OutputDirectory);
        Directory.CreateDirectory(step.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(step.OutputDirectory, "transients.csv"), csv.ToString(), ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(step.OutputDirectory, "summary.json"), JsonSerializer.Serialize(summary, Indented) + "\n", ct).ConfigureAwait(false);
        return summary;
    }

    private static bool Unmasked(FinalDiff d, double ra, double dec)
    {
        var (x, y) = TanWcs.FromHeader(d.Mask.Header).SkyToPixel(ra, dec);
        var ix = (int)Math.Round(x);
        var iy = (int)Math.Round(y);
        return ix >= 0 && iy >= 0 && ix < d.Mask.Width && iy < d.Mask.Height && d.Mask[ix, iy] == 0;
    }

    private static DiffDetection? Near(FinalDiff d, double ra, double dec, double radius, int sign)
    {
        var (x, y) = TanWcs.FromHeader(d.Mask.Header).SkyToPixel(ra, dec);
        return d.Detections.FirstOrDefault(det => Math.Sign(det.Significance) == sign && Math.Sqrt(Math.Pow(det.X - x, 2) + Math.Pow(det.Y - y, 2)) <= radius);
    }

    private sealed record FinalDiff(string LapId, int Science, int? Template, string Skycell, string MaskPath, IReadOnlyList<DiffDetection> Detections, FitsImage Mask);
}
