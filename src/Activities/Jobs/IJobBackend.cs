namespace Nightshift.Activities.Jobs;

/// <summary>
/// One kind of scheduler. The monitor calls it from a single loop per backend, so implementations need no locking
/// of their own; every method covers many jobs in as few scheduler commands as the scheduler allows.
/// </summary>
internal interface IJobBackend
{
    /// <summary>The name stored in <c>jobs.backend</c>.</summary>
    string Name { get; }

    /// <summary>Most jobs in one submission (1 where the scheduler has no arrays).</summary>
    int MaxBatchSize { get; }

    /// <summary>Jobs with equal keys can share one submission: the resources and environment, not the command.</summary>
    string BatchKey(JobSpec spec);

    /// <summary>Hands the batch to the scheduler; returns the scheduler id of each member, in member order.</summary>
    Task<IReadOnlyList<string>> SubmitAsync(JobBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// For jobs found in state submitting after a crash: the scheduler ids of those whose batch did reach the
    /// scheduler (looked up by batch name), by job key. Jobs missing from the answer were never submitted.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> FindSubmittedAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken);

    /// <summary>The current status of submitted jobs, by job key; a job the scheduler does not report is left out.</summary>
    Task<IReadOnlyDictionary<string, JobStatus>> PollAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken);

    /// <summary>Cancels submitted jobs.</summary>
    Task CancelAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken);
}
