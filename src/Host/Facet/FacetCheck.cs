using System.Globalization;
using System.Text;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Durable;
using Nightshift.Workflows.Facet;

namespace Nightshift.Host.Facet;

/// <summary>
/// Factor's checkfactor: per direction, the state of each operation, the selfcal verdict and the current step, from
/// the steps ledger; and a map of the facets coloured by state (an SVG file).
/// </summary>
internal static class FacetCheck
{
    /// <summary>One direction's row.</summary>
    internal sealed record Row(string Direction, string Kind, int Group, IReadOnlyDictionary<string, string> Operations, string Selfcal, string Current, string MapState, int Completed);

    private static readonly string[] Operations = [FacetKeys.FacetSelfcal, FacetKeys.FacetSub, FacetKeys.FacetImage];

    public static IReadOnlyList<Row> Rows(FacetConfig config, IReadOnlyList<FacetDirection> directions, IReadOnlyList<StepRecord> steps)
    {
        var groups = FacetPlan.Groups(directions, config.Groupings);
        var rows = new List<Row>();
        foreach (var d in directions)
        {
            var ops = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var op in d.Outlier ? [FacetKeys.OutlierPeel] : Operations)
            {
                ops[op] = steps.FirstOrDefault(s => s.Key == FacetKeys.Step(d.Name, op))?.Status ?? "-";
            }

            var selfcalStep = steps.FirstOrDefault(s => s.Key == FacetKeys.Step(d.Name, d.Outlier ? FacetKeys.OutlierPeel : FacetKeys.FacetSelfcal) && s.Status == StepStatus.Completed);
            var verdict = selfcalStep?.Result is { } json ? (DurableJson.Deserialize<SelfcalResult>(json)?.Passed == true ? "passed" : "failed") : "-";
            var running = steps.Where(s => s.Status == StepStatus.Running && s.Key.StartsWith(d.Name + "/", StringComparison.Ordinal))
                .OrderByDescending(s => s.Key.Length).FirstOrDefault();
            var error = steps.Any(s => s.Status == StepStatus.Failed && s.Key.StartsWith(d.Name + "/", StringComparison.Ordinal));
            var completed = ops.Values.Count(v => v == StepStatus.Completed);
            var mapState = error ? "error" : verdict == "failed" ? "selfcal failed" : running is not null ? "running" : verdict == "passed" ? "selfcal passed" : "not started";
            var group = groups.Select((g, i) => (g, i)).FirstOrDefault(x => x.g.Contains(d.Name)).i + (groups.Any(g => g.Contains(d.Name)) ? 1 : 0);
            rows.Add(new Row(d.Name, d.Outlier ? "outlier" : d.IsFacet ? "facet" : "patch", group, ops, verdict, running?.Key[(d.Name.Length + 1)..] ?? "", mapState, completed));
        }

        return rows;
    }

    public static void PrintTable(IReadOnlyList<Row> rows, IReadOnlyList<StepRecord> steps, TextWriter output)
    {
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-10} {1,-7} {2,5}  {3,-12} {4,-12} {5,-12} {6,-8} {7}", "direction", "kind", "group", FacetKeys.FacetSelfcal, FacetKeys.FacetSub, FacetKeys.FacetImage, "selfcal", "current step"));
        foreach (var r in rows)
        {
            string Op(string op) => r.Operations.TryGetValue(op, out var s) ? s : r.Operations.GetValueOrDefault(FacetKeys.OutlierPeel, "-");
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-10} {1,-7} {2,5}  {3,-12} {4,-12} {5,-12} {6,-8} {7}",
                r.Direction, r.Kind, r.Group == 0 ? "-" : r.Group.ToString(CultureInfo.InvariantCulture), Op(FacetKeys.FacetSelfcal), Op(FacetKeys.FacetSub), r.Kind == "facet" ? Op(FacetKeys.FacetImage) : "-", r.Selfcal, r.Current));
        }

        var mosaic = steps.FirstOrDefault(s => s.Key == FacetKeys.Step(FacetKeys.Field, FacetKeys.FieldMosaic))?.Status ?? "-";
        output.WriteLine($"{"field",-10} {"mosaic",-7} {"",5}  {FacetKeys.FieldMosaic}: {mosaic}");
    }

    /// <summary>The fill colour of a facet in the map: grey, yellow, greens darker with more operations done, red, dark red.</summary>
    public static string Colour(Row row) => row.MapState switch
    {
        "error" => "#8b0000",
        "selfcal failed" => "#f03b20",
        "running" => "#fecc5c",
        "selfcal passed" => row.Completed switch { >= 3 => "#006d2c", 2 => "#31a354", _ => "#a1d99b" },
        _ => "#d9d9d9",
    };

    /// <summary>Writes the facet map: each cell of the faceting circle filled with its facet's colour, calibrators marked and labelled.</summary>
    public static void WriteSvg(string path, FacetConfig config, double centreRaDeg, double centreDecDeg, IReadOnlyList<FacetDirection> directions, IReadOnlyList<Row> rows, string title)
    {
        const int cells = 100;
        const int cellPx = 5;
        var size = cells * cellPx;
        var radius = config.Settings.FacetingRadiusDeg;
        var scaleArcsec = 2.2 * radius * 3600 / cells;
        var wcs = TanWcs.Create(centreRaDeg, centreDecDeg, cells, cells, scaleArcsec);
        var layout = new FacetLayout([.. directions.Select(d => d.ToDirection())], centreRaDeg, centreDecDeg, radius);
        var colours = rows.ToDictionary(r => r.Direction, Colour, StringComparer.Ordinal);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size + 200}\" height=\"{size + 40}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"16\">{Escape(title)}</text>\n<g transform=\"translate(0,30)\">\n");
        var owner = new int[cells, cells];
        for (var y = 0; y < cells; y++)
        {
            for (var x = 0; x < cells; x++)
            {
                // FITS y grows north; SVG y grows down.
                var (ra, dec) = wcs.PixelToSky(x, cells - 1 - y);
                var facet = layout.FacetOf(ra, dec);
                owner[y, x] = facet;
                if (facet >= 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x * cellPx}\" y=\"{y * cellPx}\" width=\"{cellPx}\" height=\"{cellPx}\" fill=\"{colours.GetValueOrDefault(directions[facet].Name, "#d9d9d9")}\" data-facet=\"{Escape(directions[facet].Name)}\"/>\n");
                }
            }
        }

        // Facet boundaries, so neighbours in the same state stay apart.
        for (var y = 0; y < cells; y++)
        {
            for (var x = 0; x < cells; x++)
            {
                if (x + 1 < cells && owner[y, x] >= 0 && owner[y, x + 1] >= 0 && owner[y, x] != owner[y, x + 1])
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{(x + 1) * cellPx}\" y1=\"{y * cellPx}\" x2=\"{(x + 1) * cellPx}\" y2=\"{(y + 1) * cellPx}\" stroke=\"white\" stroke-width=\"1.5\"/>\n");
                }

                if (y + 1 < cells && owner[y, x] >= 0 && owner[y + 1, x] >= 0 && owner[y, x] != owner[y + 1, x])
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x * cellPx}\" y1=\"{(y + 1) * cellPx}\" x2=\"{(x + 1) * cellPx}\" y2=\"{(y + 1) * cellPx}\" stroke=\"white\" stroke-width=\"1.5\"/>\n");
                }
            }
        }

        foreach (var d in directions)
        {
            var (px, py) = wcs.SkyToPixel(d.RaDeg, d.DecDeg);
            var sx = (px + 0.5) * cellPx;
            var sy = (cells - 1 - py + 0.5) * cellPx;
            if (sx < 0 || sy < 0 || sx > size || sy > size)
            {
                continue;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{sx:F1}\" cy=\"{sy:F1}\" r=\"3\" fill=\"black\"/><text x=\"{sx + 5:F1}\" y=\"{sy - 4:F1}\">{Escape(d.Name)}{(d.IsFacet ? "" : " (patch)")}</text>\n");
        }

        var legend = new[] { ("not started", "#d9d9d9"), ("running", "#fecc5c"), ("selfcal passed", "#a1d99b"), ("+ subtracted", "#31a354"), ("+ imaged", "#006d2c"), ("selfcal failed", "#f03b20"), ("error", "#8b0000") };
        for (var i = 0; i < legend.Length; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{size + 10}\" y=\"{(i * 20) + 4}\" width=\"14\" height=\"14\" fill=\"{legend[i].Item2}\"/><text x=\"{size + 30}\" y=\"{(i * 20) + 16}\">{legend[i].Item1}</text>\n");
        }

        svg.Append("</g>\n</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? "";
}
