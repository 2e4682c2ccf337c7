namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// The processor of one chunk: reads its events, computes the event variables, applies the skim and preselection
/// cuts in order, sorts events into categories and fills the cut flow and histograms with the event weight.
/// </summary>
internal static class ChunkProcessor
{
    /// <summary>
    /// Processes <paramref name="chunk"/>. A file that cannot be read fails the chunk with
    /// <see cref="BadInputFileException"/>, unless <paramref name="skipBadFiles"/>: then the output records the file as
    /// skipped with the reason, and counts no event from it.
    /// </summary>
    public static async Task<AnalysisAccumulator> ProcessAsync(AnalysisConfig config, AnalysisChunk chunk, bool skipBadFiles, CancellationToken cancellationToken)
    {
        var dataset = config.Dataset(chunk.Dataset);
        EventChunk events;
        try
        {
            events = await NanoParquetFile.ReadAsync(chunk.File, chunk.Start, chunk.Stop, cancellationToken).ConfigureAwait(false);
            if (events.Count != chunk.Events)
            {
                throw new InvalidDataException($"expected {chunk.Events} events in [{chunk.Start}, {chunk.Stop}), read {events.Count}");
            }

            if (dataset.IsMC && events.GenWeight is null)
            {
                throw new InvalidDataException("a simulated dataset's file has no genWeight column");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Parquet.Net reports damage with several exception types (IO, format, index); all mean the same here.
            if (!skipBadFiles)
            {
                throw new BadInputFileException(chunk.Dataset, chunk.File, e.Message, e);
            }

            var skipped = DatasetAccumulator.Create(config, dataset);
            skipped.Chunks.Add(chunk.Id);
            skipped.SkippedFiles[chunk.File] = new SkippedFile(chunk.File, e.Message);
            return AnalysisAccumulator.Of(skipped);
        }

        var accumulator = Process(config, dataset, events);
        accumulator.Files.Add(chunk.File);
        accumulator.Chunks.Add(chunk.Id);
        return AnalysisAccumulator.Of(accumulator);
    }

    /// <summary>Fills a fresh accumulator of <paramref name="dataset"/> from <paramref name="events"/>.</summary>
    public static DatasetAccumulator Process(AnalysisConfig config, DatasetDefinition dataset, EventChunk events)
    {
        var accumulator = DatasetAccumulator.Create(config, dataset);
        var variables = EventVariables.Compute(events, config.Objects);
        var cuts = config.Skim.Concat(config.Preselection).ToArray();
        var normalisation = config.NormalisationOf(dataset);
        var genWeight = dataset.IsMC && config.UsesGenWeight ? events.GenWeight : null;
        var byCategory = config.Categories.Select(c => config.Histograms
                .Where(h => h.Categories.Contains(c.Name))
                .Select(h => (Definition: h, Accumulator: accumulator.Histograms[$"{h.Name}/{c.Name}"]))
                .ToArray())
            .ToArray();

        for (var e = 0; e < events.Count; e++)
        {
            var weight = genWeight is null ? normalisation : genWeight[e] * normalisation;
            accumulator.Steps[0].Add(weight);
            var passed = true;
            for (var c = 0; c < cuts.Length; c++)
            {
                if (!cuts[c].Passes(variables, e))
                {
                    passed = false;
                    break;
                }

                accumulator.Steps[c + 1].Add(weight);
            }

            if (!passed)
            {
                continue;
            }

            for (var k = 0; k < config.Categories.Count; k++)
            {
                if (!config.Categories[k].Passes(variables, e))
                {
                    continue;
                }

                accumulator.Categories[k].Add(weight);
                foreach (var (definition, histogram) in byCategory[k])
                {
                    var x = variables[definition.VariableIndex][e];
                    if (!double.IsNaN(x))
                    {
                        histogram.Fill(definition.StorageIndex(x), weight);
                    }
                }
            }
        }

        accumulator.EventsProcessed = events.Count;
        return accumulator;
    }
}
