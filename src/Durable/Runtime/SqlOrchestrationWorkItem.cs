using DurableTask.Core;
using DurableTask.Core.History;
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

    // Names of the tasks the current execution scheduled, by task id, for naming completion rows. Fed with each
    // episode's new events (and the loaded history once), so a long extended session pays for what is new only.
    private readonly Dictionary<int, string> taskNames = [];
    private string? taskNamesExecutionId;

    /// <summary>Indexes the task names of <paramref name="events"/>, events of <paramref name="executionId"/> not seen before.</summary>
    public void IndexTaskNames(string executionId, IEnumerable<DurableTask.Core.History.HistoryEvent> events)
    {
        if (executionId != taskNamesExecutionId)
        {
            taskNames.Clear();
            taskNamesExecutionId = executionId;
        }

        foreach (var e in events)
        {
            switch (e)
            {
                case TaskScheduledEvent { Name: { } name } t:
                    taskNames[t.EventId] = name;
                    break;
                case SubOrchestrationInstanceCreatedEvent { Name: { } name } c:
                    taskNames[c.EventId] = name;
                    break;
            }
        }
    }

    /// <summary>
    /// Drops the replayed part of the runtime state between episodes of an extended session. DurableTask.Core's
    /// executor goes on from its cursor and needs only the new events, but its dispatcher looks up the scheduling
    /// event of every incoming TaskCompleted by scanning the whole history (for tracing), which makes a fan-out
    /// quadratic: 100,000 activities took 485 s against 6 s for 10,000. Only the marker events stay: the first
    /// OrchestratorStarted and the ExecutionStarted the state is validated against.
    /// </summary>
    public void CompactRuntimeState()
    {
        var state = OrchestrationRuntimeState;
        if (state is null || state.Events.Count <= 256)
        {
            return;
        }

        var keep = state.Events.Take(2).ToList();
        state.Events.Clear();
        state.PastEvents.Clear();
        foreach (var e in keep)
        {
            state.Events.Add(e);
            state.PastEvents.Add(e);
        }
    }

    /// <summary>The name of the task with <paramref name="taskId"/> in the indexed execution, if known.</summary>
    public string? TaskName(int taskId) => taskNames.GetValueOrDefault(taskId);

    /// <summary>The claim as the store must see it now, for the guard of the next commit.</summary>
    public OrchestrationWorkItem CurrentClaim => Claim with { Episode = Episode, ExecutionId = ExecutionId, Status = Status };
}
