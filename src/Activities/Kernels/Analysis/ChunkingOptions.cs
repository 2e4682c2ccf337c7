namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>How datasets are cut into chunks: the run options that matter to planning.</summary>
internal sealed record ChunkingOptions(int ChunkSize, int? LimitFiles, int? LimitChunks, bool SkipBadFiles);
