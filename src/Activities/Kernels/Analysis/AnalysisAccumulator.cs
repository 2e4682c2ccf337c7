namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>The output of one chunk, or of any merge of chunks: one <see cref="DatasetAccumulator"/> per dataset.</summary>
internal sealed class AnalysisAccumulator
{
    public SortedDictionary<string, DatasetAccumulator> Datasets { get; } = new(StringComparer.Ordinal);

    public static AnalysisAccumulator Of(DatasetAccumulator dataset)
    {
        var a = new AnalysisAccumulator();
        a.Datasets[dataset.Dataset] = dataset;
        return a;
    }

    /// <summary>Merges <paramref name="other"/> into this one; <paramref name="other"/> is not changed and shares nothing with it.</summary>
    public void Merge(AnalysisAccumulator other)
    {
        foreach (var (name, d) in other.Datasets)
        {
            if (Datasets.TryGetValue(name, out var mine))
            {
                mine.Merge(d);
            }
            else
            {
                // A copy keeps later merges into this one from changing the other.
                var copy = d.EmptyLike();
                copy.Merge(d);
                Datasets[name] = copy;
            }
        }
    }
}
