using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nightshift.Durable.Engine;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Worker;

/// <summary>
/// Turns a locked work item into an <see cref="EpisodeCommit"/>: finds or rebuilds the live executor,
/// applies the messages, and translates the executor's new actions into rows to write.
/// </summary>
internal sealed class EpisodeRunner(
    IDurableStore store,
    DurableRegistry registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    OrchestrationCache cache,
    int maxDeliveryCount)
{
    public async Task<(EpisodeCommit Commit, OrchestrationExecutor? Executor)> RunAsync(OrchestrationWorkItem item, DateTime now, CancellationToken cancellationToken)
    {
        var consumed = item.Messages.Select(m => m.Id).ToList();

        // Messages to a finished instance have nobody to go to.
        if (item.Status.IsTerminal())
        {
            cache.Take(item.InstanceId, item.ExecutionId, item.Episode);
            return (new EpisodeCommit { Status = item.Status, Now = now, ConsumedMessageIds = consumed }, null);
        }

        var poison = item.Messages.FirstOrDefault(m => m.DequeueCount > maxDeliveryCount);
        if (poison is not null)
        {
            cache.Take(item.InstanceId, item.ExecutionId, item.Episode);
            var failure = new FailureDetails(typeof(PoisonMessageException).FullName!,
                $"Message {poison.Event} (id {poison.Id}) of instance '{item.InstanceId}' was delivered {poison.DequeueCount} times " +
                $"without an episode committing (limit {maxDeliveryCount}); the instance is failed instead of retrying forever.");
            return (await FailWithoutExecutorAsync(item, failure, now, consumed, cancellationToken).ConfigureAwait(false), null);
        }

        var executor = cache.Take(item.InstanceId, item.ExecutionId, item.Episode);
        if (executor is null)
        {
            var type = registry.FindOrchestration(item.Name);
            if (type is null)
            {
                var failure = new FailureDetails(typeof(NightshiftException).FullName!,
                    $"No orchestration named '{item.Name}' is registered with this worker (known: {string.Join(", ", registry.OrchestrationNames.Order())}).");
                return (await FailWithoutExecutorAsync(item, failure, now, consumed, cancellationToken).ConfigureAwait(false), null);
            }

            var orchestration = (IOrchestration)ActivatorUtilities.GetServiceOrCreateInstance(services, type);
            executor = new OrchestrationExecutor(item.InstanceId, item.Name, orchestration, loggerFactory.CreateLogger(type));
            var history = await store.LoadHistoryAsync(item.InstanceId, item.ExecutionId, cancellationToken).ConfigureAwait(false);
            if (history.Count > 0)
            {
                DurableTelemetry.Replays.Add(1);
            }

            try
            {
                executor.Replay(history);
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                return (await FailWithoutExecutorAsync(item, FailureDetails.FromException(ex), now, consumed, cancellationToken).ConfigureAwait(false), null);
            }

            await LoadRewindSourceAsync(executor, cancellationToken).ConfigureAwait(false);
        }

        var firstSequence = executor.HistoryCount;
        var result = executor.RunEpisode(item.Messages, now);
        consumed.RemoveAll(result.DeferredMessageIds.Contains);
        await LoadRewindSourceAsync(executor, cancellationToken).ConfigureAwait(false);
        var commit = BuildCommit(item, executor, result, now, consumed) with { FirstSequence = firstSequence };
        return (commit, result.Outcome is null ? executor : null);
    }

    private async Task LoadRewindSourceAsync(OrchestrationExecutor executor, CancellationToken cancellationToken)
    {
        if (executor.RewindOf is { } failedExecution && executor.Rewind is null)
        {
            var failed = await store.LoadHistoryAsync(executor.InstanceId, failedExecution, cancellationToken).ConfigureAwait(false);
            executor.Rewind = new RewindSource(failed);
        }
    }

    private static EpisodeCommit BuildCommit(OrchestrationWorkItem item, OrchestrationExecutor executor, EpisodeResult result, DateTime now, List<long> consumed)
    {
        var history = result.NewHistory.ToList();
        var tasks = new List<NewTask>();
        var messages = new List<OrchestrationMessage>();
        var children = new List<NewInstance>();
        var executionId = executor.ExecutionId.Length > 0 ? executor.ExecutionId : item.ExecutionId;

        // A restarted execution answers an action from the failed execution's record when it is the same action.
        foreach (var action in result.NewActions)
        {
            var reused = executor.Rewind?.ResultFor(action);
            if (reused is not null)
            {
                messages.Add(new OrchestrationMessage
                {
                    InstanceId = item.InstanceId,
                    ExecutionId = executionId,
                    Event = reused with { Timestamp = now },
                    VisibleAt = now,
                });
                continue;
            }

            switch (action.Kind)
            {
                case EventType.TaskScheduled:
                    tasks.Add(new NewTask(item.InstanceId, executionId, action.Id, action.Name!, action.Payload));
                    break;
                case EventType.TimerCreated:
                    messages.Add(new OrchestrationMessage
                    {
                        InstanceId = item.InstanceId,
                        ExecutionId = executionId,
                        VisibleAt = action.FireAt!.Value,
                        Event = new HistoryEvent
                        {
                            Type = EventType.TimerFired,
                            TaskId = action.Id,
                            Timestamp = now,
                            Details = new EventDetails { FireAt = action.FireAt },
                        },
                    });
                    break;
                case EventType.SubOrchestrationCreated:
                    var childExecution = Guid.NewGuid().ToString("N");
                    children.Add(new NewInstance
                    {
                        InstanceId = action.InstanceId!,
                        ExecutionId = childExecution,
                        Name = action.Name!,
                        Input = action.Payload,
                        ParentInstanceId = item.InstanceId,
                        CreatedAt = now,
                        VisibleAt = now,
                        StartEvent = new HistoryEvent
                        {
                            Type = EventType.ExecutionStarted,
                            Name = action.Name,
                            Payload = action.Payload,
                            Timestamp = now,
                            Details = new EventDetails
                            {
                                ExecutionId = childExecution,
                                ParentInstanceId = item.InstanceId,
                                ParentExecutionId = executionId,
                                ParentTaskId = action.Id,
                            },
                        },
                    });
                    break;
                case EventType.EventSent:
                    messages.Add(new OrchestrationMessage
                    {
                        InstanceId = action.InstanceId!,
                        VisibleAt = now,
                        Event = new HistoryEvent { Type = EventType.EventRaised, Name = action.Name, Payload = action.Payload, Timestamp = now },
                    });
                    break;
            }
        }

        var status = result.Status;
        string? output = null;
        FailureDetails? failure = null;
        DateTime? completedAt = null;
        string? newExecutionId = null;
        string? newInput = null;

        switch (result.Outcome)
        {
            case null:
                break;
            case { ContinuedAsNew: true } continued:
                newExecutionId = Guid.NewGuid().ToString("N");
                newInput = continued.Output;
                status = OrchestrationStatus.Running;
                messages.Add(new OrchestrationMessage
                {
                    InstanceId = item.InstanceId,
                    VisibleAt = now,
                    Event = new HistoryEvent
                    {
                        Type = EventType.ExecutionStarted,
                        Name = executor.Name,
                        Payload = continued.Output,
                        Timestamp = now,
                        Details = new EventDetails
                        {
                            ExecutionId = newExecutionId,
                            ParentInstanceId = executor.ParentInstanceId,
                            ParentExecutionId = executor.ParentExecutionId,
                            ParentTaskId = executor.ParentTaskId,

                            // Events nobody waited for yet belong to the next execution. Carried in its start event
                            // rather than enqueued again, where they would queue up behind events raised later.
                            CarriedEvents = result.UnconsumedEvents.Count == 0 ? null : result.UnconsumedEvents,
                        },
                    },
                });
                break;
            case { Status: OrchestrationStatus.Completed } completed:
                output = completed.Output;
                completedAt = now;
                history.Add(new HistoryEvent { Type = EventType.ExecutionCompleted, Payload = output, Timestamp = now });
                NotifyParent(executor, messages, now, EventType.SubOrchestrationCompleted, output, null);
                break;
            case { Status: OrchestrationStatus.Failed } failed:
                failure = failed.Failure;
                completedAt = now;
                history.Add(new HistoryEvent { Type = EventType.ExecutionFailed, Failure = failure, Timestamp = now });
                NotifyParent(executor, messages, now, EventType.SubOrchestrationFailed, null, failure);
                break;
            case { Status: OrchestrationStatus.Terminated } terminated:
                output = terminated.Output;
                completedAt = now;
                NotifyParent(executor, messages, now, EventType.SubOrchestrationFailed, null,
                    new FailureDetails(typeof(OperationCanceledException).FullName!, $"Instance '{executor.InstanceId}' was terminated: {DurableJson.Deserialize<string>(output) ?? "no reason given"}."));
                break;
        }

        return new EpisodeCommit
        {
            NewHistory = history,
            NewTasks = tasks,
            NewMessages = messages,
            NewInstances = children,
            ConsumedMessageIds = consumed,
            Status = status,
            Output = output,
            Failure = failure,
            CustomStatus = result.CustomStatusChanged ? result.CustomStatus ?? "null" : null,
            CompletedAt = completedAt,
            Now = now,
            NewExecutionId = newExecutionId,
            NewExecutionInput = newInput,
        };
    }

    private static void NotifyParent(OrchestrationExecutor executor, List<OrchestrationMessage> messages, DateTime now, EventType type, string? output, FailureDetails? failure)
    {
        if (executor.ParentInstanceId is null || executor.ParentTaskId is null)
        {
            return;
        }

        messages.Add(new OrchestrationMessage
        {
            InstanceId = executor.ParentInstanceId,
            ExecutionId = executor.ParentExecutionId,
            VisibleAt = now,
            Event = new HistoryEvent { Type = type, TaskId = executor.ParentTaskId.Value, Payload = output, Failure = failure, Timestamp = now },
        });
    }

    /// <summary>Fails an instance whose code cannot run (unknown name, poison message, non-deterministic replay).</summary>
    private async Task<EpisodeCommit> FailWithoutExecutorAsync(OrchestrationWorkItem item, FailureDetails failure, DateTime now, List<long> consumed, CancellationToken cancellationToken)
    {
        var messages = new List<OrchestrationMessage>();

        // The parent, if any, is named in this execution's start event: in the messages or in history.
        var start = item.Messages.FirstOrDefault(m => m.Event.Type == EventType.ExecutionStarted)?.Event;
        if (start is null)
        {
            var history = await store.LoadHistoryAsync(item.InstanceId, item.ExecutionId, cancellationToken).ConfigureAwait(false);
            start = history.FirstOrDefault(e => e.Type == EventType.ExecutionStarted);
        }

        if (start?.Details is { ParentInstanceId: { } parent, ParentTaskId: { } taskId } details)
        {
            messages.Add(new OrchestrationMessage
            {
                InstanceId = parent,
                ExecutionId = details.ParentExecutionId,
                VisibleAt = now,
                Event = new HistoryEvent { Type = EventType.SubOrchestrationFailed, TaskId = taskId, Failure = failure, Timestamp = now },
            });
        }

        return new EpisodeCommit
        {
            NewHistory =
            [
                new HistoryEvent { Type = EventType.OrchestratorStarted, Timestamp = now },
                new HistoryEvent { Type = EventType.ExecutionFailed, Failure = failure, Timestamp = now },
            ],
            NewMessages = messages,
            ConsumedMessageIds = consumed,
            Status = OrchestrationStatus.Failed,
            Failure = failure,
            CompletedAt = now,
            Now = now,
        };
    }
}
