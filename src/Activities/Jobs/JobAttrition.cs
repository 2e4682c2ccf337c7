namespace Nightshift.Activities.Jobs;

/// <summary>
/// Attrition of one instance's jobs, counted per step by its latest attempt: how many steps ran jobs (expected),
/// how many finished, how many failed for good, and how many are missing (still pending or running).
/// </summary>
public sealed record JobAttrition(string InstanceId, int Expected, int Finished, int Failed, int Missing)
{
    /// <summary>The latest attempt of every failed step, with its stderr tail.</summary>
    public IReadOnlyList<JobRecord> Failures { get; init; } = [];

    /// <summary>The latest attempt of every step that has not ended.</summary>
    public IReadOnlyList<JobRecord> Unfinished { get; init; } = [];
}
