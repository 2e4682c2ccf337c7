using System.Diagnostics;
using Nightshift.Activities.Kernels.Analysis;
using Nightshift.Activities.Kernels.Common;

namespace Nightshift.Activities.Tests.Analysis;

[TestClass]
public sealed class ChunkingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Results_are_identical_for_every_chunk_size_fan_in_and_merge_order()
    {
        var demo = AnalysisDemo.Instance;
        string? first = null;
        foreach (var (chunkSize, fanIn) in new[] { (1_500, 20), (400, 2), (97, 7), (1_000_000, 2) })
        {
            var watch = Stopwatch.StartNew();
            var result = await IterativeAnalysis.RunAsync(demo.Config, new ChunkingOptions(chunkSize, null, null, true), fanIn, TestContext.CancellationToken);
            var chunks = result.Datasets.Values.Sum(d => d.Chunks.Count);
            var events = result.Datasets.Values.Sum(d => d.EventsProcessed);
            TestContext.WriteLine($"chunksize {chunkSize}, fan-in {fanIn}: {chunks} chunks, {events} events in {watch.ElapsedMilliseconds} ms ({events / watch.Elapsed.TotalSeconds:F0} events/s)");
            var fingerprint = AnalysisDemo.Fingerprint(result);
            first ??= fingerprint;
            Assert.AreEqual(first, fingerprint, $"chunksize {chunkSize}, fan-in {fanIn}");
        }

        // Chunk outputs merged in reverse and in a shuffled order, through their JSON files, give the same again.
        var parts = new List<AnalysisAccumulator>();
        foreach (var dataset in demo.Config.Datasets)
        {
            var plan = await ChunkPlanner.PlanAsync(dataset, new ChunkingOptions(250, null, null, true), TestContext.CancellationToken);
            parts.Add(ChunkPlanner.SkippedAccumulator(demo.Config, plan));
            foreach (var chunk in plan.Chunks)
            {
                var output = await ChunkProcessor.ProcessAsync(demo.Config, chunk, true, TestContext.CancellationToken);
                parts.Add(AccumulatorJson.Deserialize(AccumulatorJson.Serialize(output), chunk.Id));
            }
        }

        parts.Reverse();
        Assert.AreEqual(first, AnalysisDemo.Fingerprint(TreeReduction.Reduce(parts, 3)));
        var shuffled = parts.OrderBy(p => p.GetHashCode() % 7).ThenBy(p => p.Datasets.Keys.First(), StringComparer.Ordinal).ToList();
        new Random(5).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        Assert.AreEqual(first, AnalysisDemo.Fingerprint(TreeReduction.Reduce(shuffled, 4)));
    }

    [TestMethod]
    public async Task Limit_files_and_limit_chunks_cut_the_plan()
    {
        var dataset = AnalysisDemo.Instance.Config.Dataset("TTToSemiLeptonic_2018");
        var all = await ChunkPlanner.PlanAsync(dataset, new ChunkingOptions(400, null, null, false), TestContext.CancellationToken);
        Assert.HasCount(8, all.Chunks);
        Assert.AreEqual(1_200L, all.Chunks[3].Start, "1500 events in chunks of 400: 0, 400, 800, 1200");
        Assert.AreEqual(1_500L, all.Chunks[3].Stop);
        var oneFile = await ChunkPlanner.PlanAsync(dataset, new ChunkingOptions(400, 1, null, false), TestContext.CancellationToken);
        Assert.HasCount(4, oneFile.Chunks);
        var twoChunks = await ChunkPlanner.PlanAsync(dataset, new ChunkingOptions(400, null, 2, false), TestContext.CancellationToken);
        Assert.HasCount(2, twoChunks.Chunks);
    }

    [TestMethod]
    public void A_chunk_merged_twice_is_refused()
    {
        var demo = AnalysisDemo.Instance;
        var chunk = new AnalysisChunk("TTToSemiLeptonic_2018", demo.Config.Dataset("TTToSemiLeptonic_2018").Files[0], 0, 100);
        var output = ChunkProcessor.ProcessAsync(demo.Config, chunk, false, TestContext.CancellationToken).GetAwaiter().GetResult();
        var merged = new AnalysisAccumulator();
        merged.Merge(output);
        Assert.ThrowsExactly<InvalidOperationException>(() => merged.Merge(output));
    }

    [TestMethod]
    public async Task Analysis_chunk_kernel_writes_the_same_accumulator_as_processing_in_memory()
    {
        var demo = AnalysisDemo.Instance;
        var dataset = demo.Config.Dataset("ZPrimeToBB_M500_2018");
        var output = Path.Combine(AnalysisDemo.NewDirectory("kernel"), "chunk.json");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await KernelRegistry.CreateDefault().RunAsync(
            "analysis-chunk",
            ["--cfg", demo.ConfigPath, "--dataset", dataset.Name, "--file", dataset.Files[1], "--start", "200", "--stop", "900", "--out", output],
            stdout,
            stderr,
            TestContext.CancellationToken);
        Assert.AreEqual(0, code, stderr.ToString());
        var fromFile = await AccumulatorJson.ReadAsync(output, TestContext.CancellationToken);
        var inMemory = await ChunkProcessor.ProcessAsync(demo.Config, new AnalysisChunk(dataset.Name, dataset.Files[1], 200, 900), false, TestContext.CancellationToken);
        Assert.AreEqual(AnalysisDemo.Fingerprint(inMemory), AnalysisDemo.Fingerprint(fromFile));
        Assert.AreEqual(700L, fromFile.Datasets[dataset.Name].EventsProcessed);

        using var badErr = new StringWriter();
        var bad = await KernelRegistry.CreateDefault().RunAsync(
            "analysis-chunk",
            ["--cfg", demo.ConfigPath, "--dataset", "DATA_SingleMuon_2018", "--file", demo.Config.Dataset("DATA_SingleMuon_2018").Files[^1], "--start", "0", "--stop", "10", "--out", output + ".bad"],
            stdout,
            badErr,
            TestContext.CancellationToken);
        Assert.AreEqual(1, bad, "an unreadable file without skip-bad-files fails the chunk");
        StringAssert.Contains(badErr.ToString(), "_corrupt.parquet");
    }
}
