namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>How big a synthetic analysis is: files per dataset, events per file, Parquet row-group size.</summary>
public sealed record SyntheticAnalysisSize(int FilesPerDataset = 2, int EventsPerFile = 2_000, int RowGroupSize = 500)
{
    /// <summary>Small enough for a unit test: two files of 1,500 events per dataset.</summary>
    public static SyntheticAnalysisSize Test { get; } = new(2, 1_500, 400);
}
