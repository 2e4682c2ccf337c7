using System.Text.Json.Nodes;
using Nightshift.Activities.Kernels.Analysis;

namespace Nightshift.Activities.Tests.Analysis;

[TestClass]
public sealed class OutputTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Outputs_are_written_per_dataset_with_uhi_histograms_and_a_png_per_histogram_and_category()
    {
        var demo = AnalysisDemo.Instance;
        var result = await IterativeAnalysis.RunAsync(demo.Config, new ChunkingOptions(1_000, null, null, true), 20, TestContext.CancellationToken);
        var output = AnalysisDemo.NewDirectory("outputs");
        var written = await AnalysisOutputWriter.WriteAsync(demo.Config, result, output, full: false, TestContext.CancellationToken);
        foreach (var dataset in demo.Config.Datasets)
        {
            foreach (var name in new[] { "cutflow.json", "metadata.json", "histograms.json", "accumulator.json" })
            {
                Assert.IsTrue(File.Exists(Path.Combine(output, dataset.Name, name)), $"{dataset.Name}/{name}");
            }
        }

        var histograms = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "TTToSemiLeptonic_2018", "histograms.json")))!;
        var mjj = histograms["mjj"]!;
        Assert.AreEqual("weighted", mjj["storage"]!["type"]!.GetValue<string>());
        Assert.AreEqual("regular", mjj["axes"]![2]!["type"]!.GetValue<string>());
        Assert.HasCount(32, mjj["storage"]!["data"]!["values"]![0]![0]!.AsArray(), "30 bins and two flow bins");
        Assert.AreEqual("variable", histograms["ht"]!["axes"]![2]!["type"]!.GetValue<string>());

        var exact = await AccumulatorJson.ReadAsync(Path.Combine(output, "TTToSemiLeptonic_2018", "accumulator.json"), TestContext.CancellationToken);
        var again = new AnalysisAccumulator();
        again.Merge(exact);
        Assert.AreEqual(
            AnalysisDemo.Fingerprint(AnalysisAccumulator.Of(result.Datasets["TTToSemiLeptonic_2018"])),
            AnalysisDemo.Fingerprint(again));

        var plots = written.Where(p => p.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.HasCount(28, plots, "nine histograms in three categories and mbb in one");
        foreach (var plot in plots)
        {
            var bytes = File.ReadAllBytes(plot);
            Assert.IsGreaterThan(5_000, bytes.Length, plot);
            Assert.AreEqual(0x89, bytes[0], "PNG signature");
        }

        TestContext.WriteLine($"outputs in {output}");
    }
}
