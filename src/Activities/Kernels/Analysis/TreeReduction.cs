namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// Merges chunk outputs by tree reduction: groups of <c>fanIn</c> are merged, then groups of the results, until one is
/// left, as coffea's <c>tree-reduction</c> does. The exact accumulators make the result the same for every fan-in and
/// every order.
/// </summary>
internal static class TreeReduction
{
    public static AnalysisAccumulator Reduce(IReadOnlyList<AnalysisAccumulator> parts, int fanIn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 2);
        if (parts.Count == 0)
        {
            return new AnalysisAccumulator();
        }

        var level = parts;
        while (level.Count > 1)
        {
            var next = new List<AnalysisAccumulator>((level.Count + fanIn - 1) / fanIn);
            for (var i = 0; i < level.Count; i += fanIn)
            {
                var merged = new AnalysisAccumulator();
                for (var j = i; j < Math.Min(level.Count, i + fanIn); j++)
                {
                    merged.Merge(level[j]);
                }

                next.Add(merged);
            }

            level = next;
        }

        var result = new AnalysisAccumulator();
        result.Merge(level[0]);
        return result;
    }
}
