namespace Nightshift.Durable.Engine;

/// <summary>
/// The successful steps of a failed execution, by action id, for its restart: an action that the new
/// execution takes with the same id, kind, name and input gets the recorded result instead of running again.
/// </summary>
internal sealed class RewindSource
{
    private readonly Dictionary<int, (HistoryEvent Scheduled, HistoryEvent Result)> steps = new();

    public RewindSource(IReadOnlyList<HistoryEvent> failedHistory)
    {
        var scheduled = new Dictionary<int, HistoryEvent>();
        foreach (var e in failedHistory)
        {
            switch (e.Type)
            {
                case EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationCreated:
                    scheduled[e.TaskId] = e;
                    break;
                case EventType.TaskCompleted or EventType.TimerFired or EventType.SubOrchestrationCompleted
                    when scheduled.TryGetValue(e.TaskId, out var s):
                    steps[e.TaskId] = (s, e);
                    break;
            }
        }
    }

    public int Count => steps.Count;

    /// <summary>The recorded successful result of an action identical to <paramref name="action"/>, if there is one.</summary>
    public HistoryEvent? ResultFor(OrchestrationAction action)
    {
        if (!steps.TryGetValue(action.Id, out var step))
        {
            return null;
        }

        var same = step.Scheduled.Type == action.Kind
            && string.Equals(step.Scheduled.Name, action.Name, StringComparison.Ordinal)
            && string.Equals(step.Scheduled.Payload, action.Payload, StringComparison.Ordinal)
            && string.Equals(step.Scheduled.Details?.InstanceId, action.InstanceId, StringComparison.Ordinal);
        return same ? step.Result : null;
    }
}
