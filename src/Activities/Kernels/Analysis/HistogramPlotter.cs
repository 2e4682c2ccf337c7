using ScottPlot;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// One PNG per histogram and category: simulated samples stacked (Σw per bin, summed over the sample's datasets),
/// data as points with √Σw² error bars, so the analyst looks at a picture rather than numbers.
/// </summary>
internal static class HistogramPlotter
{
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.Orange, Colors.SeaGreen, Colors.Crimson, Colors.MediumPurple, Colors.Gold];

    public static IReadOnlyList<string> PlotAll(AnalysisConfig config, AnalysisAccumulator result, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var samples = result.Datasets.Values.Where(d => d.IsMC).Select(d => d.Sample).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var h in config.Histograms)
        {
            foreach (var category in h.Categories)
            {
                var path = Path.Combine(directory, $"{h.Name}_{category}.png");
                Plot(h, category, result, samples, path);
                written.Add(path);
            }
        }

        return written;
    }

    private static void Plot(HistogramDefinition h, string category, AnalysisAccumulator result, List<string> samples, string path)
    {
        var plot = new Plot();
        var bins = h.Bins;
        var baseline = new double[bins];
        for (var s = 0; s < samples.Count; s++)
        {
            var values = Sum(result, h, category, d => d.IsMC && d.Sample == samples[s], squares: false);
            var color = Palette[s % Palette.Length];
            var bars = new List<Bar>();
            for (var b = 0; b < bins; b++)
            {
                bars.Add(new Bar
                {
                    Position = (h.Edges[b] + h.Edges[b + 1]) / 2,
                    Size = h.Edges[b + 1] - h.Edges[b],
                    ValueBase = baseline[b],
                    Value = baseline[b] + values[b],
                    FillColor = color,
                    LineWidth = 0,
                });
                baseline[b] += values[b];
            }

            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = samples[s], FillColor = color });
        }

        if (result.Datasets.Values.Any(d => !d.IsMC))
        {
            var data = Sum(result, h, category, d => !d.IsMC, squares: false);
            var variance = Sum(result, h, category, d => !d.IsMC, squares: true);
            var xs = Enumerable.Range(0, bins).Select(b => (h.Edges[b] + h.Edges[b + 1]) / 2).ToArray();
            var errors = plot.Add.ErrorBar(xs, data, variance.Select(Math.Sqrt).ToArray());
            errors.Color = Colors.Black;
            var points = plot.Add.ScatterPoints(xs, data);
            points.Color = Colors.Black;
            points.MarkerSize = 5;
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "data", MarkerColor = Colors.Black, MarkerShape = MarkerShape.FilledCircle });
        }

        plot.Title($"{h.Name} ({category})");
        plot.XLabel(h.Label);
        plot.YLabel("events / bin");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 600);
    }

    private static double[] Sum(AnalysisAccumulator result, HistogramDefinition h, string category, Func<DatasetAccumulator, bool> which, bool squares)
    {
        // Summed exactly across datasets and rounded once, so a plot shows the same numbers as histograms.json.
        var sums = Enumerable.Range(0, h.Bins).Select(_ => new ExactSum()).ToArray();
        foreach (var d in result.Datasets.Values.Where(which))
        {
            var acc = d.Histograms[$"{h.Name}/{category}"];
            for (var b = 0; b < h.Bins; b++)
            {
                sums[b].Add(squares ? acc.SumW2[b + 1] : acc.SumW[b + 1]);
            }
        }

        return [.. sums.Select(s => s.ToDouble())];
    }
}
