namespace Nightshift.Durable.Storage;

/// <summary>Single-item forms of the batch operations of <see cref="IDurableStore"/>.</summary>
internal static class DurableStoreExtensions
{
    /// <summary>Locks one instance with deliverable messages, or returns null.</summary>
    public static async Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(this IDurableStore store, string owner, TimeSpan lockFor, CancellationToken cancellationToken)
    {
        var items = await store.LockNextOrchestrationsAsync(owner, lockFor, 1, cancellationToken).ConfigureAwait(false);
        return items.Count == 0 ? null : items[0];
    }

    /// <summary>Commits one episode; throws <see cref="LockLostException"/> (and changes nothing) when the lock is no longer ours.</summary>
    public static async Task CommitEpisodeAsync(this IDurableStore store, OrchestrationWorkItem workItem, EpisodeCommit commit, CancellationToken cancellationToken)
    {
        var results = await store.CommitEpisodesAsync([(workItem, commit)], cancellationToken).ConfigureAwait(false);
        if (!results[0])
        {
            throw new LockLostException(workItem.InstanceId);
        }
    }
}
