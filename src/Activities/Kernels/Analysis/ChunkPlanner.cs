namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// Splits a dataset into chunks of <c>chunksize</c> events, file by file in definition order (a chunk never spans two
/// files), after <c>limit-files</c>, and keeps the first <c>limit-chunks</c>. A file whose footer cannot be read is
/// skipped under <c>skip-bad-files</c> and fails the dataset otherwise.
/// </summary>
internal static class ChunkPlanner
{
    public static async Task<DatasetPlan> PlanAsync(DatasetDefinition dataset, ChunkingOptions options, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1);
        var chunks = new List<AnalysisChunk>();
        var skipped = new List<(string, string)>();
        var files = options.LimitFiles is { } lf ? dataset.Files.Take(lf) : dataset.Files;
        foreach (var file in files)
        {
            long events;
            try
            {
                events = await NanoParquetFile.CountEventsAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!options.SkipBadFiles)
                {
                    throw new BadInputFileException(dataset.Name, file, e.Message, e);
                }

                skipped.Add((file, e.Message));
                continue;
            }

            for (long start = 0; start < events; start += options.ChunkSize)
            {
                chunks.Add(new AnalysisChunk(dataset.Name, file, start, Math.Min(events, start + options.ChunkSize)));
            }
        }

        if (options.LimitChunks is { } lc && chunks.Count > lc)
        {
            chunks.RemoveRange(lc, chunks.Count - lc);
        }

        return new DatasetPlan(dataset.Name, chunks, skipped);
    }

    /// <summary>An accumulator that records the files skipped at planning, to merge with the chunks' outputs.</summary>
    public static AnalysisAccumulator SkippedAccumulator(AnalysisConfig config, DatasetPlan plan)
    {
        var d = DatasetAccumulator.Create(config, config.Dataset(plan.Dataset));
        foreach (var (file, reason) in plan.SkippedFiles)
        {
            d.SkippedFiles[file] = new SkippedFile(file, reason);
        }

        return AnalysisAccumulator.Of(d);
    }
}
