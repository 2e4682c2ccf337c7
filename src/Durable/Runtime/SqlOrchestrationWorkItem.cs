using DurableTask.Core;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Runtime;

/// <summary>
/// A DurableTask.Core work item with what the store needs to commit it: the lock (owner and the episode it was
/// taken at), the execution the history belongs to, how many history rows that execution has, and the messages the
/// current episode consumes. The same object lives through an extended session, so these move on after each commit.
/// </summary>
internal sealed class SqlOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    public SqlOrchestrationWorkItem(OrchestrationWorkItem claim)
    {
        Claim = claim;
        InstanceId = claim.InstanceId;
        Episode = claim.Episode;
        ExecutionId = claim.ExecutionId;
        Status = claim.Status;

        // The store's lock is not renewed by DurableTask.Core: episodes are short, and a session extends it itself.
        LockedUntilUtc = DateTime.MaxValue;
    }

    public OrchestrationWorkItem Claim { get; }

    public long Episode { get; set; }

    public string ExecutionId { get; set; }

    public OrchestrationStatus Status { get; set; }

    /// <summary>History rows stored for <see cref="ExecutionId"/>: the sequence number of the next one.</summary>
    public int HistoryCount { get; set; }

    public IReadOnlyList<long> MessageIds { get; set; } = [];

    /// <summary>True while the store row is locked by this work item (released by the last commit otherwise).</summary>
    public bool LockHeld { get; set; } = true;

    /// <summary>The claim as the store must see it now, for the guard of the next commit.</summary>
    public OrchestrationWorkItem CurrentClaim => Claim with { Episode = Episode, ExecutionId = ExecutionId, Status = Status };
}
