namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>Events [Start, Stop) of one file of one dataset: the unit of work that one kernel run processes.</summary>
public sealed record AnalysisChunk(string Dataset, string File, long Start, long Stop)
{
    /// <summary>A stable id, the same in every run, that metadata uses to count each chunk once.</summary>
    public string Id => $"{Dataset}:{File}#{Start}-{Stop}";

    /// <summary>Events in the chunk.</summary>
    public long Events => Stop - Start;
}
