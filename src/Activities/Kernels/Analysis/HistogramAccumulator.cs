namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// One histogram in one category of one dataset: per storage bin (underflow, bins, overflow) the number of entries
/// (exact integer), the sum of weights and the sum of squared weights (exact sums, see <see cref="ExactSum"/>).
/// </summary>
internal sealed class HistogramAccumulator
{
    public HistogramAccumulator(string histogram, string category, double[] edges)
    {
        Histogram = histogram;
        Category = category;
        Edges = edges;
        Entries = new long[edges.Length + 1];
        SumW = new ExactSum[edges.Length + 1];
        SumW2 = new ExactSum[edges.Length + 1];
        for (var i = 0; i < SumW.Length; i++)
        {
            SumW[i] = new ExactSum();
            SumW2[i] = new ExactSum();
        }
    }

    public string Histogram { get; }

    public string Category { get; }

    public double[] Edges { get; }

    public long[] Entries { get; }

    public ExactSum[] SumW { get; }

    public ExactSum[] SumW2 { get; }

    public void Fill(int storageIndex, double weight)
    {
        Entries[storageIndex]++;
        SumW[storageIndex].Add(weight);
        SumW2[storageIndex].Add(weight * weight);
    }

    public void Merge(HistogramAccumulator other)
    {
        if (!Edges.AsSpan().SequenceEqual(other.Edges))
        {
            throw new InvalidOperationException($"histogram {Histogram}/{Category}: cannot merge different binnings");
        }

        for (var i = 0; i < Entries.Length; i++)
        {
            Entries[i] += other.Entries[i];
            SumW[i].Add(other.SumW[i]);
            SumW2[i].Add(other.SumW2[i]);
        }
    }
}
