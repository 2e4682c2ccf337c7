namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// A histogram of one event variable in some categories. Bin i holds [Edges[i], Edges[i+1]); values below the first
/// edge go to the underflow bin and values at or above the last edge to the overflow bin, as in boost-histogram.
/// </summary>
internal sealed record HistogramDefinition(string Name, string Variable, int VariableIndex, double[] Edges, bool Regular, IReadOnlyList<string> Categories, string Label)
{
    public int Bins => Edges.Length - 1;

    /// <summary>The storage index of <paramref name="x"/>: 0 is underflow, 1..Bins the bins, Bins+1 overflow.</summary>
    public int StorageIndex(double x)
    {
        // The same edge array decides for regular and variable axes, so a value on an edge lands in one bin
        // whatever the axis type, and tests can compute the bin independently from the edges.
        var i = Array.BinarySearch(Edges, x);
        return i >= 0 ? i + 1 : ~i;
    }
}
