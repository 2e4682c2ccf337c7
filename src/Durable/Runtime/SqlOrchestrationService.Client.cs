using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;

namespace Nightshift.Durable.Runtime;

using OrchestrationState = DurableTask.Core.OrchestrationState;
using OrchestrationStatus = DurableTask.Core.OrchestrationStatus;
using HistoryEvent = DurableTask.Core.History.HistoryEvent;

/// <summary>The client side: starts, messages, queries, purges and restarts, all through the store.</summary>
internal sealed partial class SqlOrchestrationService
{
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, []);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) => throw new NotImplementedException();

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => throw new NotImplementedException();

    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
        => throw new NotImplementedException();

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => throw new NotImplementedException();

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => throw new NotImplementedException();

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => throw new NotImplementedException();

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => throw new NotImplementedException();

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
        => throw new NotImplementedException();

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => throw new NotImplementedException();

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => throw new NotImplementedException();

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
        => throw new NotImplementedException();

    /// <summary>
    /// Restarts a failed instance from its point of failure: the failed activities and sub-orchestrations run again,
    /// every recorded success is kept (DTFx's rewind is the model). Failed children are rewound with it.
    /// </summary>
    public Task RewindAsync(string instanceId, string? reason, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>The history of the instance's current execution, oldest first, as DurableTask.Core events.</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryEventsAsync(string instanceId, CancellationToken cancellationToken) => throw new NotImplementedException();
}
