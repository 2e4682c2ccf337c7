namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// The whole analysis in this process, one chunk at a time (the <c>iterative</c> executor's kernel side): plan each
/// dataset, process its chunks, and merge by tree reduction. The durable orchestrations run the same steps as
/// activities; this is what tests, the benchmark and a one-process run use.
/// </summary>
internal static class IterativeAnalysis
{
    public static async Task<AnalysisAccumulator> RunAsync(AnalysisConfig config, ChunkingOptions options, int treeReduction, CancellationToken cancellationToken)
    {
        var parts = new List<AnalysisAccumulator>();
        foreach (var dataset in config.Datasets)
        {
            var plan = await ChunkPlanner.PlanAsync(dataset, options, cancellationToken).ConfigureAwait(false);
            parts.Add(ChunkPlanner.SkippedAccumulator(config, plan));
            foreach (var chunk in plan.Chunks)
            {
                parts.Add(await ChunkProcessor.ProcessAsync(config, chunk, options.SkipBadFiles, cancellationToken).ConfigureAwait(false));
            }
        }

        return TreeReduction.Reduce(parts, treeReduction);
    }
}
