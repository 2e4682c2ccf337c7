using DurableTask.Core;
using DurableTask.Core.History;

namespace Nightshift.Durable.Runtime;

using CoreEvent = DurableTask.Core.History.HistoryEvent;
using CoreEventType = DurableTask.Core.History.EventType;
using CoreFailure = DurableTask.Core.FailureDetails;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using Row = Nightshift.Durable.Storage.HistoryEvent;
using RowType = Nightshift.Durable.Storage.EventType;
using EventDetails = Nightshift.Durable.Storage.EventDetails;

/// <summary>
/// Turns DurableTask.Core's history events into the store's flat rows and back, without loss. The rows keep the
/// columns operators read (<c>event_type</c>, <c>task_id</c>, <c>name</c>, <c>payload</c>, <c>failure</c>) and put
/// the rest in <c>details</c>; event types keep the names the schema already uses where the meaning is the same
/// (SubOrchestrationCreated for SubOrchestrationInstanceCreated, ContinuedAsNew for ContinueAsNew), so the views
/// and the example queries in <c>infra/sql</c> read both runtimes' histories alike.
/// </summary>
internal static class HistoryEventMapper
{
    /// <summary>
    /// Maps <paramref name="events"/> as <see cref="ToRow(CoreEvent)"/> does, and names each completion row after the
    /// task it completes: DurableTask.Core's completion events carry only the scheduling event's id, but operators
    /// (and <c>v_history</c> queries such as "which activities completed") read the name column, as with the old engine.
    /// </summary>
    public static IEnumerable<Row> ToRows(IEnumerable<CoreEvent> events, Func<int, string?> taskName)
    {
        foreach (var e in events)
        {
            var row = ToRow(e);
            yield return row.Type is RowType.TaskCompleted or RowType.SubOrchestrationCompleted && row.Name is null
                ? row with { Name = taskName(row.TaskId) }
                : row;
        }
    }

    public static Row ToRow(CoreEvent e)
    {
        var timestamp = AsUtc(e.Timestamp);
        return e switch
        {
            ExecutionStartedEvent s => new Row
            {
                Type = RowType.ExecutionStarted,
                Name = s.Name,
                Payload = s.Input,
                Timestamp = timestamp,
                Details = new EventDetails
                {
                    ExecutionId = s.OrchestrationInstance?.ExecutionId,
                    InstanceId = s.OrchestrationInstance?.InstanceId,
                    Version = NullIfEmpty(s.Version),
                    Tags = s.Tags is { Count: > 0 } ? s.Tags : null,
                    ScheduledStartTime = s.ScheduledStartTime,
                    Generation = s.Generation is > 0 ? s.Generation : null,
                    ParentInstanceId = s.ParentInstance?.OrchestrationInstance?.InstanceId,
                    ParentExecutionId = s.ParentInstance?.OrchestrationInstance?.ExecutionId,
                    ParentTaskId = s.ParentInstance?.TaskScheduleId,
                    ParentName = s.ParentInstance?.Name,
                    ParentVersion = NullIfEmpty(s.ParentInstance?.Version),
                },
            },
            ContinueAsNewEvent c => new Row { Type = RowType.ContinuedAsNew, Payload = c.Result, Timestamp = timestamp },
            ExecutionCompletedEvent c => new Row
            {
                Type = c.OrchestrationStatus == CoreStatus.Failed ? RowType.ExecutionFailed : RowType.ExecutionCompleted,
                // A failed execution's Result is DurableTask.Core's plain-text error, not JSON: it would break v_history's
                // json(payload); the failure column holds the details.
                Payload = c.OrchestrationStatus == CoreStatus.Failed ? null : c.Result,
                Failure = ToFailure(c.FailureDetails),
                Timestamp = timestamp,
                Details = c.OrchestrationStatus is CoreStatus.Completed or CoreStatus.Failed ? null : new EventDetails { Status = c.OrchestrationStatus.ToString() },
            },
            ExecutionTerminatedEvent t => new Row { Type = RowType.ExecutionTerminated, Payload = t.Input, Timestamp = timestamp },
            ExecutionSuspendedEvent s => new Row { Type = RowType.ExecutionSuspended, Payload = AsJsonText(s.Reason), Timestamp = timestamp },
            ExecutionResumedEvent r => new Row { Type = RowType.ExecutionResumed, Payload = AsJsonText(r.Reason), Timestamp = timestamp },
            ExecutionRewoundEvent r => new Row
            {
                Type = RowType.ExecutionRewound,
                Payload = AsJsonText(r.Reason),
                Timestamp = timestamp,
                Details = new EventDetails { InstanceId = r.InstanceId, ParentExecutionId = r.ParentExecutionId },
            },
            OrchestratorStartedEvent => new Row { Type = RowType.OrchestratorStarted, Timestamp = timestamp },
            OrchestratorCompletedEvent => new Row { Type = RowType.OrchestratorCompleted, Timestamp = timestamp },
            TaskScheduledEvent t => new Row
            {
                Type = RowType.TaskScheduled,
                TaskId = t.EventId,
                Name = t.Name,
                Payload = t.Input,
                Timestamp = timestamp,
                Details = NullIfEmpty(t.Version) is null && t.Tags is not { Count: > 0 } ? null : new EventDetails { Version = NullIfEmpty(t.Version), Tags = t.Tags },
            },
            TaskCompletedEvent t => new Row { Type = RowType.TaskCompleted, TaskId = t.TaskScheduledId, Payload = t.Result, Timestamp = timestamp },
            TaskFailedEvent t => new Row
            {
                Type = RowType.TaskFailed,
                TaskId = t.TaskScheduledId,
                Name = t.Reason,
                Payload = AsJsonText(t.Details),
                Failure = ToFailure(t.FailureDetails),
                Timestamp = timestamp,
            },
            SubOrchestrationInstanceCreatedEvent s => new Row
            {
                Type = RowType.SubOrchestrationCreated,
                TaskId = s.EventId,
                Name = s.Name,
                Payload = s.Input,
                Timestamp = timestamp,
                Details = new EventDetails { InstanceId = s.InstanceId, Version = NullIfEmpty(s.Version) },
            },
            SubOrchestrationInstanceCompletedEvent s => new Row { Type = RowType.SubOrchestrationCompleted, TaskId = s.TaskScheduledId, Payload = s.Result, Timestamp = timestamp },
            SubOrchestrationInstanceFailedEvent s => new Row
            {
                Type = RowType.SubOrchestrationFailed,
                TaskId = s.TaskScheduledId,
                Name = s.Reason,
                Payload = AsJsonText(s.Details),
                Failure = ToFailure(s.FailureDetails),
                Timestamp = timestamp,
            },
            TimerCreatedEvent t => new Row { Type = RowType.TimerCreated, TaskId = t.EventId, Timestamp = timestamp, Details = new EventDetails { FireAt = AsUtc(t.FireAt) } },
            TimerFiredEvent t => new Row { Type = RowType.TimerFired, TaskId = t.TimerId, Timestamp = timestamp, Details = new EventDetails { FireAt = AsUtc(t.FireAt) } },
            EventRaisedEvent r => new Row { Type = RowType.EventRaised, Name = r.Name, Payload = r.Input, Timestamp = timestamp, Details = r.EventId >= 0 ? new EventDetails { EventId = r.EventId } : null },
            EventSentEvent s => new Row
            {
                Type = RowType.EventSent,
                TaskId = s.EventId,
                Name = s.Name,
                Payload = s.Input,
                Timestamp = timestamp,
                Details = new EventDetails { InstanceId = s.InstanceId },
            },
            GenericEvent g => new Row { Type = RowType.GenericEvent, Payload = AsJsonText(g.Data), Timestamp = timestamp, Details = new EventDetails { EventId = g.EventId } },
            _ => throw new NotSupportedException($"History event type {e.EventType} is not stored by Nightshift."),
        };
    }

    /// <summary>The event a row was made from. <paramref name="played"/> marks events of the recorded history, which replay.</summary>
    public static CoreEvent FromRow(Row row, bool played)
    {
        var d = row.Details;
        CoreEvent e = row.Type switch
        {
            RowType.ExecutionStarted => new ExecutionStartedEvent(-1, row.Payload)
            {
                Name = row.Name,
                Version = d?.Version ?? string.Empty,
                OrchestrationInstance = new OrchestrationInstance { InstanceId = d?.InstanceId, ExecutionId = d?.ExecutionId },
                Tags = d?.Tags,
                ScheduledStartTime = d?.ScheduledStartTime,
                Generation = d?.Generation ?? 0,
                ParentInstance = d?.ParentInstanceId is null ? null : new ParentInstance
                {
                    Name = d.ParentName,
                    Version = d.ParentVersion ?? string.Empty,
                    TaskScheduleId = d.ParentTaskId ?? -1,
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = d.ParentInstanceId, ExecutionId = d.ParentExecutionId },
                },
            },
            RowType.ContinuedAsNew => new ContinueAsNewEvent(-1, row.Payload),
            RowType.ExecutionCompleted => new ExecutionCompletedEvent(-1, row.Payload,
                d?.Status is { } status ? Enum.Parse<CoreStatus>(status) : CoreStatus.Completed, ToCoreFailure(row.Failure)),
            RowType.ExecutionFailed => new ExecutionCompletedEvent(-1, row.Payload, CoreStatus.Failed, ToCoreFailure(row.Failure)),
            RowType.ExecutionTerminated => new ExecutionTerminatedEvent(-1, row.Payload),
            RowType.ExecutionSuspended => new ExecutionSuspendedEvent(-1, FromJsonText(row.Payload)),
            RowType.ExecutionResumed => new ExecutionResumedEvent(-1, FromJsonText(row.Payload)),
            RowType.ExecutionRewound => new ExecutionRewoundEvent(-1, FromJsonText(row.Payload)) { InstanceId = d?.InstanceId, ParentExecutionId = d?.ParentExecutionId },
            RowType.OrchestratorStarted => new OrchestratorStartedEvent(-1),
            RowType.OrchestratorCompleted => new OrchestratorCompletedEvent(-1),
            RowType.TaskScheduled => new TaskScheduledEvent(row.TaskId, row.Name ?? string.Empty, d?.Version ?? string.Empty, row.Payload) { Tags = d?.Tags },
            RowType.TaskCompleted => new TaskCompletedEvent(-1, row.TaskId, row.Payload),
            RowType.TaskFailed => new TaskFailedEvent(-1, row.TaskId, row.Name, FromJsonText(row.Payload), ToCoreFailure(row.Failure)),
            RowType.SubOrchestrationCreated => new SubOrchestrationInstanceCreatedEvent(row.TaskId)
            {
                Name = row.Name,
                Version = d?.Version ?? string.Empty,
                InstanceId = d?.InstanceId,
                Input = row.Payload,
            },
            RowType.SubOrchestrationCompleted => new SubOrchestrationInstanceCompletedEvent(-1, row.TaskId, row.Payload),
            RowType.SubOrchestrationFailed => new SubOrchestrationInstanceFailedEvent(-1, row.TaskId, row.Name, FromJsonText(row.Payload), ToCoreFailure(row.Failure)),
            RowType.TimerCreated => new TimerCreatedEvent(row.TaskId, d?.FireAt ?? default),
            RowType.TimerFired => new TimerFiredEvent(-1, d?.FireAt ?? default) { TimerId = row.TaskId },
            RowType.EventRaised => new EventRaisedEvent(d?.EventId ?? -1, row.Payload) { Name = row.Name },
            RowType.EventSent => new EventSentEvent(row.TaskId) { Name = row.Name, Input = row.Payload, InstanceId = d?.InstanceId },
            RowType.GenericEvent => new GenericEvent(d?.EventId ?? -1, FromJsonText(row.Payload)),
            _ => throw new NotSupportedException($"History row type {row.Type} has no DurableTask.Core event."),
        };
        e.Timestamp = row.Timestamp;
        e.IsPlayed = played;
        return e;
    }

    public static FailureDetails? ToFailure(CoreFailure? failure) => failure is null
        ? null
        : new FailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, ToFailure(failure.InnerFailure), failure.IsNonRetriable);

    public static CoreFailure? ToCoreFailure(FailureDetails? failure) => failure is null
        ? null
        : new CoreFailure(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, ToCoreFailure(failure.InnerFailure), failure.IsNonRetriable);

    /// <summary>The store's status for a DurableTask.Core status. ContinuedAsNew is a moment, not a state: the instance runs on.</summary>
    public static OrchestrationStatus ToStatus(CoreStatus status) => status switch
    {
        CoreStatus.Running or CoreStatus.ContinuedAsNew => OrchestrationStatus.Running,
        CoreStatus.Completed => OrchestrationStatus.Completed,
        CoreStatus.Failed => OrchestrationStatus.Failed,
        CoreStatus.Canceled or CoreStatus.Terminated => OrchestrationStatus.Terminated,
        CoreStatus.Pending => OrchestrationStatus.Pending,
        CoreStatus.Suspended => OrchestrationStatus.Suspended,
        _ => throw new NotSupportedException($"Orchestration status {status} is not stored by Nightshift."),
    };

    public static CoreStatus ToCoreStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => CoreStatus.Pending,
        OrchestrationStatus.Running => CoreStatus.Running,
        OrchestrationStatus.Suspended => CoreStatus.Suspended,
        OrchestrationStatus.Completed => CoreStatus.Completed,
        OrchestrationStatus.Failed => CoreStatus.Failed,
        OrchestrationStatus.Terminated => CoreStatus.Terminated,
        _ => throw new NotSupportedException($"Orchestration status {status} has no DurableTask.Core equivalent."),
    };

    /// <summary>
    /// Plain text (an operator's reason, failure details) as a JSON string: the payload column holds JSON, and the
    /// views parse it, so one plain reason would break <c>SELECT * FROM v_history</c>.
    /// </summary>
    public static string? AsJsonText(string? text) => text is null ? null : System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>The text a payload written by <see cref="AsJsonText"/> holds; a payload that is not a JSON string is returned as it is.</summary>
    public static string? FromJsonText(string? payload)
    {
        if (payload is null || payload.Length < 2 || payload[0] != '"')
        {
            return payload;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string>(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return payload;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };
}
