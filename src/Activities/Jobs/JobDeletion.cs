namespace Nightshift.Activities.Jobs;

/// <summary>What <see cref="JobCleanup.DeleteAsync"/> did with one job key.</summary>
public sealed record JobDeletion(string JobKey, JobDeletionResult Result)
{
    /// <summary>The state the job was in (null when there was no such job).</summary>
    public JobState? State { get; init; }

    /// <summary>The outputs and logs that were removed (or, on a dry run, would be).</summary>
    public IReadOnlyList<string> RemovedPaths { get; init; } = [];

    /// <summary>Outputs and logs that could not be removed, with the reason.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
