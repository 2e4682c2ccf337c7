namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// Everything one dataset accumulates: the cut flow (initial, each skim and preselection cut, then each category),
/// the histograms per category, and the metadata (files, chunks, events, skipped files). Merging is exact and
/// order-free: counts are integers, weights are <see cref="ExactSum"/>s and lists are kept sorted.
/// </summary>
internal sealed class DatasetAccumulator
{
    public DatasetAccumulator(string dataset, string sample, bool isMc, long eventsExpected, IEnumerable<string> steps, IEnumerable<string> categories)
    {
        Dataset = dataset;
        Sample = sample;
        IsMC = isMc;
        EventsExpected = eventsExpected;
        Steps = [.. steps.Select(s => new CutFlowStep(s))];
        Categories = [.. categories.Select(c => new CutFlowStep(c))];
    }

    public string Dataset { get; }

    public string Sample { get; }

    public bool IsMC { get; }

    /// <summary>Events in the dataset definition, to set the events processed against.</summary>
    public long EventsExpected { get; }

    /// <summary>The cut flow in order: "initial", the skim cuts, the preselection cuts (each cumulative).</summary>
    public List<CutFlowStep> Steps { get; }

    /// <summary>Events in each category after the preselection.</summary>
    public List<CutFlowStep> Categories { get; }

    /// <summary>Histograms keyed "histogram/category", sorted.</summary>
    public SortedDictionary<string, HistogramAccumulator> Histograms { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of the chunks merged in; a chunk merged twice is refused, so each is counted once.</summary>
    public SortedSet<string> Chunks { get; } = new(StringComparer.Ordinal);

    public long EventsProcessed { get; set; }

    public SortedDictionary<string, SkippedFile> SkippedFiles { get; } = new(StringComparer.Ordinal);

    public static DatasetAccumulator Create(AnalysisConfig config, DatasetDefinition dataset)
    {
        var accumulator = new DatasetAccumulator(
            dataset.Name,
            dataset.Sample,
            dataset.IsMC,
            dataset.Events,
            ["initial", .. config.Skim.Select(c => c.Name), .. config.Preselection.Select(c => c.Name)],
            config.Categories.Select(c => c.Name));
        foreach (var h in config.Histograms)
        {
            foreach (var c in h.Categories)
            {
                accumulator.Histograms[$"{h.Name}/{c}"] = new HistogramAccumulator(h.Name, c, h.Edges);
            }
        }

        return accumulator;
    }

    /// <summary>An empty accumulator of the same dataset and layout, to merge copies into.</summary>
    public DatasetAccumulator EmptyLike()
    {
        var empty = new DatasetAccumulator(Dataset, Sample, IsMC, EventsExpected, Steps.Select(s => s.Name), Categories.Select(c => c.Name));
        foreach (var (key, h) in Histograms)
        {
            empty.Histograms[key] = new HistogramAccumulator(h.Histogram, h.Category, h.Edges);
        }

        return empty;
    }

    public void Merge(DatasetAccumulator other)
    {
        if (other.Dataset != Dataset || !other.Steps.Select(s => s.Name).SequenceEqual(Steps.Select(s => s.Name))
            || !other.Categories.Select(s => s.Name).SequenceEqual(Categories.Select(s => s.Name))
            || !other.Histograms.Keys.SequenceEqual(Histograms.Keys))
        {
            throw new InvalidOperationException($"dataset {Dataset}: cannot merge the output of another configuration ({other.Dataset})");
        }

        if (other.Chunks.Overlaps(Chunks))
        {
            throw new InvalidOperationException($"dataset {Dataset}: chunk {other.Chunks.Intersect(Chunks, StringComparer.Ordinal).First()} would be counted twice");
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            Steps[i].Merge(other.Steps[i]);
        }

        for (var i = 0; i < Categories.Count; i++)
        {
            Categories[i].Merge(other.Categories[i]);
        }

        foreach (var (key, h) in other.Histograms)
        {
            Histograms[key].Merge(h);
        }

        Files.UnionWith(other.Files);
        Chunks.UnionWith(other.Chunks);
        EventsProcessed += other.EventsProcessed;
        foreach (var (file, skipped) in other.SkippedFiles)
        {
            // Several chunks of one bad file may each report it; keep one reason, the same whatever the merge order.
            if (!SkippedFiles.TryGetValue(file, out var mine) || string.CompareOrdinal(skipped.Reason, mine.Reason) < 0)
            {
                SkippedFiles[file] = skipped;
            }
        }
    }
}
