namespace Nightshift.Durable.Storage;

/// <summary>The kinds of history event and message. Stored by name, so renaming one is a schema change.</summary>
internal enum EventType
{
    ExecutionStarted,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    EventRaised,
    EventSent,
    ContinuedAsNew,
    ExecutionSuspended,
    ExecutionResumed,
    ExecutionTerminated,
    ExecutionCompleted,
    ExecutionFailed,

    // Recorded only by the DurableTask.Core runtime.
    OrchestratorCompleted,
    ExecutionRewound,
    GenericEvent,
    HistoryState,
}
