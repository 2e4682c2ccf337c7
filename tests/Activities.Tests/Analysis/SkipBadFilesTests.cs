using Nightshift.Activities.Kernels.Analysis;

namespace Nightshift.Activities.Tests.Analysis;

[TestClass]
public sealed class SkipBadFilesTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Skip_bad_files_leaves_unreadable_files_out_and_the_metadata_shows_the_loss()
    {
        var demo = AnalysisDemo.Instance;
        var result = await IterativeAnalysis.RunAsync(demo.Config, new ChunkingOptions(500, null, null, SkipBadFiles: true), 4, TestContext.CancellationToken);
        var data = result.Datasets["DATA_SingleMuon_2018"];
        var wjets = result.Datasets["WJetsToLNu_HT-200_2018"];
        var ttbar = result.Datasets["TTToSemiLeptonic_2018"];
        Assert.HasCount(1, data.SkippedFiles);
        StringAssert.EndsWith(data.SkippedFiles.Keys.Single(), "DATA_SingleMuon_2018_corrupt.parquet");
        Assert.HasCount(1, wjets.SkippedFiles);
        StringAssert.EndsWith(wjets.SkippedFiles.Keys.Single(), "_truncated.parquet");
        Assert.IsEmpty(ttbar.SkippedFiles);
        foreach (var d in new[] { data, wjets })
        {
            Assert.AreEqual(d.EventsExpected - 1_500, d.EventsProcessed, $"{d.Dataset}: one file of 1500 events lost");
            Assert.AreEqual(d.EventsProcessed, d.Steps[0].Events, "the cut flow starts from the events actually read");
            Assert.HasCount(2, d.Files);
            TestContext.WriteLine($"{d.Dataset}: skipped {d.SkippedFiles.Values.Single().File}: {d.SkippedFiles.Values.Single().Reason}");
        }

        var metadata = AnalysisOutputWriter.Metadata(result.Datasets.Values);
        Assert.AreEqual(1_500L, metadata["DATA_SingleMuon_2018"]!["eventsLost"]!.GetValue<long>());
    }

    [TestMethod]
    public async Task Without_skip_bad_files_the_dataset_with_an_unreadable_file_fails_and_the_others_do_not()
    {
        var demo = AnalysisDemo.Instance;
        var options = new ChunkingOptions(500, null, null, SkipBadFiles: false);
        var failure = await Assert.ThrowsExactlyAsync<BadInputFileException>(() => ChunkPlanner.PlanAsync(demo.Config.Dataset("WJetsToLNu_HT-200_2018"), options, TestContext.CancellationToken));
        Assert.AreEqual("WJetsToLNu_HT-200_2018", failure.Dataset);
        StringAssert.EndsWith(failure.File, "_truncated.parquet");
        var ttbar = await ChunkPlanner.PlanAsync(demo.Config.Dataset("TTToSemiLeptonic_2018"), options, TestContext.CancellationToken);
        Assert.HasCount(6, ttbar.Chunks);

        // A chunk of an unreadable file handed straight to the processor: failed without the option, recorded with it.
        var chunk = new AnalysisChunk("DATA_SingleMuon_2018", demo.Config.Dataset("DATA_SingleMuon_2018").Files[^1], 0, 500);
        await Assert.ThrowsExactlyAsync<BadInputFileException>(() => ChunkProcessor.ProcessAsync(demo.Config, chunk, false, TestContext.CancellationToken));
        var skipped = await ChunkProcessor.ProcessAsync(demo.Config, chunk, true, TestContext.CancellationToken);
        Assert.AreEqual(0L, skipped.Datasets["DATA_SingleMuon_2018"].EventsProcessed);
        Assert.HasCount(1, skipped.Datasets["DATA_SingleMuon_2018"].SkippedFiles);
    }
}
