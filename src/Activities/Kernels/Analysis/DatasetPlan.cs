namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>The chunks of one dataset, and the files skipped while planning (unreadable footers) with their reasons.</summary>
public sealed record DatasetPlan(string Dataset, IReadOnlyList<AnalysisChunk> Chunks, IReadOnlyList<(string File, string Reason)> SkippedFiles);
