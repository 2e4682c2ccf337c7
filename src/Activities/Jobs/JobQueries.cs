namespace Nightshift.Activities.Jobs;

/// <summary>
/// Read-only questions about the <c>jobs</c> table, for <c>nightshift jobs</c> and <c>nightshift jobs attrition</c>.
/// Resolve it from a host built with <c>AddJobs</c>.
/// </summary>
public sealed class JobQueries
{
    private readonly JobLedger ledger;

    internal JobQueries(JobLedger ledger) => this.ledger = ledger;

    /// <summary>Jobs matching <paramref name="query"/>, newest first.</summary>
    public Task<IReadOnlyList<JobRecord>> ListAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ledger.QueryAsync(query, cancellationToken);
    }

    /// <summary>Expected, finished, failed and missing steps of one instance's jobs.</summary>
    public async Task<JobAttrition> AttritionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var all = await ledger.QueryAsync(new JobQuery { InstanceId = instanceId, Limit = int.MaxValue }, cancellationToken).ConfigureAwait(false);
        var latest = all.GroupBy(j => j.Step, StringComparer.Ordinal).Select(g => g.MaxBy(j => j.Attempt)!).ToList();
        var failures = latest.Where(j => j.State.IsTerminal() && j.State != JobState.Completed).OrderBy(j => j.Step, StringComparer.Ordinal).ToList();
        var unfinished = latest.Where(j => !j.State.IsTerminal()).OrderBy(j => j.Step, StringComparer.Ordinal).ToList();
        var finished = latest.Count(j => j.State == JobState.Completed);
        return new JobAttrition(instanceId, latest.Count, finished, failures.Count, unfinished.Count) { Failures = failures, Unfinished = unfinished };
    }
}
