using Microsoft.Extensions.Logging;

namespace Nightshift.Durable.Engine;

/// <summary>
/// One live execution of an orchestration. It is built either by replaying the stored history (every
/// action the code takes is then matched against a recorded event) or kept alive in a worker's cache
/// between episodes; in both cases each episode applies only the new messages, so cost per episode is
/// proportional to what is new, not to the length of the history.
/// </summary>
internal sealed class OrchestrationExecutor
{
    private readonly OrchestrationTaskScheduler scheduler = new();
    private readonly IOrchestration orchestration;
    private readonly OrchestrationContextImpl context;

    // Tasks the code is awaiting, by action id.
    private readonly Dictionary<int, OpenTask> openTasks = new();

    // Actions the code took that history has not recorded yet: during replay they must be matched by a
    // recorded event; at the end of an episode the rest are new.
    private readonly Dictionary<int, OrchestrationAction> unconfirmed = new();
    private readonly List<OrchestrationAction> emitted = new();

    private readonly Dictionary<string, Queue<HistoryEvent>> bufferedEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> eventWaiters = new(StringComparer.Ordinal);

    private Task<object?>? runTask;
    private int nextActionId;
    private string? continueAsNewInput;
    private bool continueAsNewRequested;
    private string? customStatus;
    private bool customStatusChanged;

    public OrchestrationExecutor(string instanceId, string name, IOrchestration orchestration, ILogger logger)
    {
        InstanceId = instanceId;
        Name = name;
        this.orchestration = orchestration;
        context = new OrchestrationContextImpl(this, new ReplaySafeLogger(logger, () => IsReplaying));
    }

    public string InstanceId { get; }

    public string Name { get; }

    public string ExecutionId { get; private set; } = "";

    public string? ParentInstanceId { get; private set; }

    public string? ParentExecutionId { get; private set; }

    public int? ParentTaskId { get; private set; }

    /// <summary>The failed execution whose successful steps this execution reuses, if it is a restart.</summary>
    public string? RewindOf { get; private set; }

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; private set; }

    public OrchestrationStatus Status { get; private set; } = OrchestrationStatus.Pending;

    public ExecutionOutcome? Outcome { get; private set; }

    /// <summary>How many history events this executor has applied: the position of its copy in the history.</summary>
    public int HistoryCount { get; private set; }

    internal int GuidCounter { get; set; }

    /// <summary>For a restarted execution: the failed execution's successful steps.</summary>
    internal RewindSource? Rewind { get; set; }

    /// <summary>Rebuilds the in-memory state from recorded history, matching every action against it.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> history)
    {
        IsReplaying = true;
        try
        {
            foreach (var historyEvent in history)
            {
                Apply(historyEvent);
                HistoryCount++;
            }
        }
        finally
        {
            IsReplaying = false;
        }
    }

    /// <summary>
    /// Applies the messages of one episode and collects what the code did in response. Messages that no
    /// longer apply (a second completion of one task, a reply to an earlier execution) are skipped.
    /// </summary>
    public EpisodeResult RunEpisode(IReadOnlyList<OrchestrationMessage> messages, DateTime now)
    {
        var newHistory = new List<HistoryEvent>(messages.Count + 4);
        var lateEvents = new List<HistoryEvent>();
        var deferred = new List<long>();
        customStatusChanged = false;

        var marker = new HistoryEvent { Type = EventType.OrchestratorStarted, Timestamp = now };
        Append(marker, newHistory);

        var terminate = messages.FirstOrDefault(m => m.Event.Type == EventType.ExecutionTerminated);
        if (terminate is not null && Outcome is null)
        {
            // Termination wins over everything else delivered with it.
            Append(terminate.Event with { Timestamp = now }, newHistory);
        }
        else
        {
            foreach (var message in messages)
            {
                if (Outcome is null && Status == OrchestrationStatus.Suspended && message.Event.Type != EventType.ExecutionResumed)
                {
                    // Delivered in the same batch as the suspension: it waits in the store until the instance is resumed.
                    deferred.Add(message.Id);
                }
                else if (Outcome is null && Accepts(message))
                {
                    Append(message.Event with { Timestamp = now }, newHistory);
                }
                else if (Outcome is { ContinuedAsNew: true } && message.Event.Type == EventType.EventRaised)
                {
                    // Raised after the code continued as new within this episode: it belongs to the next execution.
                    lateEvents.Add(message.Event);
                }
            }
        }

        var newActions = new List<OrchestrationAction>();
        foreach (var action in emitted)
        {
            if (unconfirmed.Remove(action.Id))
            {
                newActions.Add(action);
                newHistory.Add(ScheduledEvent(action, now));
                HistoryCount++;
            }
        }

        emitted.Clear();
        return new EpisodeResult
        {
            NewHistory = newHistory,
            NewActions = newActions,
            Outcome = Outcome,
            Status = Outcome?.Status ?? Status,
            CustomStatus = customStatus,
            CustomStatusChanged = customStatusChanged,
            UnconsumedEvents = [.. bufferedEvents.Values.SelectMany(q => q), .. lateEvents],
            DeferredMessageIds = deferred,
        };
    }

    private void Append(HistoryEvent historyEvent, List<HistoryEvent> newHistory)
    {
        newHistory.Add(historyEvent);
        HistoryCount++;
        Apply(historyEvent);
    }

    private bool Accepts(OrchestrationMessage message)
    {
        if (message.ExecutionId is not null && ExecutionId.Length > 0 && message.ExecutionId != ExecutionId)
        {
            return false;
        }

        var e = message.Event;
        return e.Type switch
        {
            EventType.ExecutionStarted => runTask is null,
            EventType.TaskCompleted or EventType.TaskFailed => IsOpen(e.TaskId, EventType.TaskScheduled),
            EventType.TimerFired => IsOpen(e.TaskId, EventType.TimerCreated),
            EventType.SubOrchestrationCompleted or EventType.SubOrchestrationFailed => IsOpen(e.TaskId, EventType.SubOrchestrationCreated),
            EventType.EventRaised => true,
            EventType.ExecutionSuspended => Status is OrchestrationStatus.Running or OrchestrationStatus.Pending,
            EventType.ExecutionResumed => Status == OrchestrationStatus.Suspended,
            _ => false,
        };
    }

    private bool IsOpen(int taskId, EventType kind) => openTasks.TryGetValue(taskId, out var open) && open.Kind == kind;

    private void Apply(HistoryEvent e)
    {
        switch (e.Type)
        {
            case EventType.OrchestratorStarted:
                CurrentUtcDateTime = e.Timestamp;
                break;
            case EventType.ExecutionStarted:
                Start(e);
                break;
            case EventType.TaskScheduled:
            case EventType.TimerCreated:
            case EventType.SubOrchestrationCreated:
            case EventType.EventSent:
                Confirm(e);
                break;
            case EventType.TaskCompleted:
            case EventType.TaskFailed:
            case EventType.TimerFired:
            case EventType.SubOrchestrationCompleted:
            case EventType.SubOrchestrationFailed:
                if (openTasks.Remove(e.TaskId, out var open))
                {
                    open.Complete(e);
                }

                break;
            case EventType.EventRaised:
                Deliver(e);
                break;
            case EventType.ExecutionSuspended:
                Status = OrchestrationStatus.Suspended;
                break;
            case EventType.ExecutionResumed:
                // An instance suspended before its start time is pending again, not running.
                Status = runTask is null ? OrchestrationStatus.Pending : OrchestrationStatus.Running;
                break;
            case EventType.ExecutionTerminated:
                Outcome ??= ExecutionOutcome.Terminated(e.Details?.Reason);
                break;
            default:
                // ExecutionCompleted, ExecutionFailed and ContinuedAsNew only record what the code already did.
                break;
        }

        scheduler.RunUntilIdle();
        CheckCompletion();
    }

    private void Start(HistoryEvent e)
    {
        if (runTask is not null)
        {
            return;
        }

        ExecutionId = e.Details?.ExecutionId ?? ExecutionId;
        ParentInstanceId = e.Details?.ParentInstanceId;
        ParentExecutionId = e.Details?.ParentExecutionId;
        ParentTaskId = e.Details?.ParentTaskId;
        RewindOf = e.Details?.RewindOf;
        Status = OrchestrationStatus.Running;

        object? input;
        try
        {
            input = DurableJson.Deserialize(e.Payload, orchestration.InputType);
        }
        catch (System.Text.Json.JsonException ex)
        {
            runTask = Task.FromException<object?>(new NightshiftException(
                $"The input of orchestration '{Name}' is not valid JSON for {orchestration.InputType.Name}: {ex.Message}", ex));
            return;
        }

        if (e.Details?.CarriedEvents is { Count: > 0 } carried)
        {
            // Carried over from the previous execution: ahead of any event delivered before this start.
            foreach (var name in carried.Select(c => c.Name ?? "").Distinct(StringComparer.Ordinal).ToList())
            {
                var queue = new Queue<HistoryEvent>(carried.Where(c => (c.Name ?? "") == name));
                if (bufferedEvents.TryGetValue(name, out var later))
                {
                    foreach (var l in later)
                    {
                        queue.Enqueue(l);
                    }
                }

                bufferedEvents[name] = queue;
            }
        }

        runTask = Task.Factory.StartNew(
            () => orchestration.RunAsync(context, input),
            CancellationToken.None,
            TaskCreationOptions.None,
            scheduler).Unwrap();
    }

    private void Confirm(HistoryEvent recorded)
    {
        if (!unconfirmed.Remove(recorded.TaskId, out var action))
        {
            var taken = emitted.FirstOrDefault(a => a.Id == recorded.TaskId);
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history event {recorded} " +
                (taken is null
                    ? $"has no matching action; on replay the code took no action #{recorded.TaskId}."
                    : $"does not match the replayed action {taken}."));
        }

        if (action.Kind != recorded.Type || !string.Equals(action.Name, recorded.Name, StringComparison.Ordinal))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history event {recorded} " +
                $"does not match the replayed action {action}.");
        }
    }

    private void Deliver(HistoryEvent e)
    {
        var name = e.Name ?? "";
        if (eventWaiters.TryGetValue(name, out var waiters))
        {
            while (waiters.First is { } first)
            {
                waiters.RemoveFirst();
                if (first.Value.TrySetResult(e.Payload))
                {
                    return;
                }
            }
        }

        if (!bufferedEvents.TryGetValue(name, out var queue))
        {
            bufferedEvents[name] = queue = new Queue<HistoryEvent>();
        }

        queue.Enqueue(e);
    }

    private void CheckCompletion()
    {
        if (Outcome is not null || runTask is null || !runTask.IsCompleted)
        {
            return;
        }

        if (runTask.IsFaulted)
        {
            var exception = runTask.Exception!.InnerException ?? runTask.Exception;
            Outcome = ExecutionOutcome.Failed(FailureDetails.FromException(exception));
        }
        else if (runTask.IsCanceled)
        {
            Outcome = ExecutionOutcome.Failed(new FailureDetails(typeof(TaskCanceledException).FullName!, "The orchestration was cancelled."));
        }
        else if (continueAsNewRequested)
        {
            Outcome = ExecutionOutcome.ContinueAsNew(continueAsNewInput);
        }
        else
        {
            Outcome = ExecutionOutcome.Completed(DurableJson.Serialize(runTask.Result));
        }
    }

    private static HistoryEvent ScheduledEvent(OrchestrationAction action, DateTime now) => new()
    {
        Type = action.Kind,
        TaskId = action.Id,
        Name = action.Name,
        Payload = action.Payload,
        Timestamp = now,
        Details = action.FireAt is null && action.InstanceId is null
            ? null
            : new EventDetails { FireAt = action.FireAt, InstanceId = action.InstanceId },
    };

    // ----- called by the context, on the orchestration thread -----

    internal int NextActionId() => nextActionId++;

    internal Task<string?> Schedule(OrchestrationAction action, Func<HistoryEvent, Exception?>? failureOf)
    {
        var completion = new TaskCompletionSource<string?>();
        Emit(action);
        openTasks[action.Id] = new OpenTask(action.Kind, e =>
        {
            var failure = failureOf?.Invoke(e);
            if (failure is null)
            {
                completion.TrySetResult(e.Payload);
            }
            else
            {
                completion.TrySetException(failure);
            }
        });
        return completion.Task;
    }

    internal void Emit(OrchestrationAction action)
    {
        if (Outcome is not null)
        {
            return;
        }

        unconfirmed[action.Id] = action;
        emitted.Add(action);
    }

    internal bool TryTakeBufferedEvent(string name, out string? payload)
    {
        if (bufferedEvents.TryGetValue(name, out var queue) && queue.Count > 0)
        {
            payload = queue.Dequeue().Payload;
            return true;
        }

        payload = null;
        return false;
    }

    internal TaskCompletionSource<string?> AddEventWaiter(string name)
    {
        if (!eventWaiters.TryGetValue(name, out var waiters))
        {
            eventWaiters[name] = waiters = new LinkedList<TaskCompletionSource<string?>>();
        }

        var waiter = new TaskCompletionSource<string?>();
        waiters.AddLast(waiter);
        return waiter;
    }

    internal void RemoveEventWaiter(string name, TaskCompletionSource<string?> waiter)
    {
        if (eventWaiters.TryGetValue(name, out var waiters))
        {
            waiters.Remove(waiter);
        }
    }

    internal void RequestContinueAsNew(string? input)
    {
        continueAsNewRequested = true;
        continueAsNewInput = input;
    }

    internal void SetCustomStatus(string? status)
    {
        customStatus = status;
        customStatusChanged = true;
    }

    private sealed record OpenTask(EventType Kind, Action<HistoryEvent> Complete);
}
