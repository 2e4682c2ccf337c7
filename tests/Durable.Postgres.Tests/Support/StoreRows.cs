using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Tests.Support;

/// <summary>What a client and a worker would hand the store, built by hand for tests that drive the store directly.</summary>
internal static class StoreRows
{
    public static NewInstance Instance(string id, DateTime now)
    {
        var execution = $"{id}-exec";
        return new NewInstance
        {
            InstanceId = id,
            ExecutionId = execution,
            Name = "Manual",
            Input = "\"in\"",
            CreatedAt = now,
            VisibleAt = now,
            StartEvent = new HistoryEvent { Type = EventType.ExecutionStarted, Name = "Manual", Payload = "\"in\"", Timestamp = now, Details = new EventDetails { ExecutionId = execution } },
        };
    }

    /// <summary>A first episode that records the start and schedules <paramref name="tasks"/> activities.</summary>
    public static EpisodeCommit FirstEpisode(OrchestrationWorkItem item, DateTime now, int tasks = 1) => new()
    {
        NewHistory =
        [
            new HistoryEvent { Type = EventType.OrchestratorStarted, Timestamp = now },
            item.Messages[0].Event,
            .. Enumerable.Range(0, tasks).Select(i => new HistoryEvent { Type = EventType.TaskScheduled, TaskId = i, Name = "Work", Payload = $"{i}", Timestamp = now }),
        ],
        FirstSequence = 0,
        NewTasks = [.. Enumerable.Range(0, tasks).Select(i => new NewTask(item.InstanceId, item.ExecutionId, i, "Work", $"{i}"))],
        ConsumedMessageIds = [.. item.Messages.Select(m => m.Id)],
        Status = OrchestrationStatus.Running,
        Now = now,
    };
}
