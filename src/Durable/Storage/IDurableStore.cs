using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage;

/// <summary>
/// The SQL store contract. Every method is one transaction; an episode's whole effect is
/// <see cref="CommitEpisodeAsync"/>, so a crash at any point leaves either all of it or none.
/// </summary>
internal interface IDurableStore : IAsyncDisposable
{
    /// <summary>The store as an operator would name it: a file path or a host and database.</summary>
    string Description { get; }

    /// <summary>Creates or migrates the schema; safe to call from many processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts instances and their ExecutionStarted messages in one transaction. Returns the ids actually used
    /// (the existing one for ReturnExisting); if any start is refused, none is made and the refusal is thrown.
    /// </summary>
    Task<IReadOnlyList<string>> CreateInstancesAsync(IReadOnlyList<(NewInstance Instance, InstanceIdReusePolicy Policy)> starts, CancellationToken cancellationToken);

    /// <summary>Adds messages for existing instances; throws <see cref="InstanceNotFoundException"/> when one is missing.</summary>
    Task EnqueueAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken);

    Task<OrchestrationState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>Every execution's history of an instance, oldest execution first.</summary>
    Task<IReadOnlyList<HistoryEventRecord>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes one instance with its history, messages and tasks; false when it is not terminal or missing.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes at most <see cref="PurgeFilter.BatchSize"/> matching terminal instances in one transaction; returns how many.</summary>
    Task<int> PurgeBatchAsync(PurgeFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// DurableTask.Core rewind of a failed instance, in one transaction: its execution's history becomes
    /// <paramref name="history"/>, <paramref name="tasks"/> are queued again, <paramref name="wake"/> is sent, and the
    /// instance runs again. Throws when it is not failed.
    /// </summary>
    Task RewindHistoryAsync(string instanceId, string executionId, IReadOnlyList<HistoryEvent> history, IReadOnlyList<NewTask> tasks, OrchestrationMessage wake, DateTime now, CancellationToken cancellationToken);

    /// <summary>Locks up to <paramref name="max"/> instances that have deliverable messages, taking all of each one's messages.</summary>
    Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationsAsync(string owner, TimeSpan lockFor, int max, CancellationToken cancellationToken);

    /// <summary>The history of one execution, in order.</summary>
    Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(string instanceId, string executionId, CancellationToken cancellationToken);

    /// <summary>
    /// Commits several episodes in one database transaction, each inside its own savepoint: an episode whose
    /// lock is no longer ours is rolled back alone and reported false; the others commit together.
    /// </summary>
    Task<IReadOnlyList<bool>> CommitEpisodesAsync(IReadOnlyList<(OrchestrationWorkItem WorkItem, EpisodeCommit Commit)> episodes, CancellationToken cancellationToken);

    /// <summary>Releases the lock without consuming the messages; they become deliverable again after <paramref name="delay"/>.</summary>
    Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// For an extended session: takes the deliverable messages of an instance this owner still holds at
    /// <paramref name="episode"/>, and extends the lock. Null when the lock is no longer ours; empty when nothing waits.
    /// </summary>
    Task<IReadOnlyList<OrchestrationMessage>?> TakeSessionMessagesAsync(string instanceId, string owner, long episode, TimeSpan lockFor, CancellationToken cancellationToken);

    /// <summary>Releases an instance's lock if this owner still holds it; its waiting messages stay for the next claim.</summary>
    Task ReleaseOrchestrationLockAsync(string instanceId, string owner, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="max"/> activity tasks.</summary>
    Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(string owner, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>Extends the leases of running tasks; returns the ids of those still ours.</summary>
    Task<IReadOnlySet<long>> RenewActivityLeasesAsync(string owner, IReadOnlyCollection<long> taskIds, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes each completed task and enqueues its result, in one transaction. A task already completed
    /// (by an earlier delivery) is skipped, so a duplicate completion changes nothing. Returns how many were new.
    /// </summary>
    Task<int> CompleteActivitiesAsync(IReadOnlyList<ActivityCompletion> completions, CancellationToken cancellationToken);

    /// <summary>Gives a leased task back so another worker may run it after <paramref name="delay"/>.</summary>
    Task AbandonActivityAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Ids of the direct children of an instance.</summary>
    Task<IReadOnlyList<string>> GetChildInstanceIdsAsync(string parentInstanceId, CancellationToken cancellationToken);
}
