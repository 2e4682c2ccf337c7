using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Runtime;

using OrchestrationState = DurableTask.Core.OrchestrationState;
using OrchestrationStatus = DurableTask.Core.OrchestrationStatus;

/// <summary>
/// DurableTask.Core's orchestration service over the Nightshift SQL store: the role DurableTask.SqlServer plays for
/// SQL Server, for SQLite and PostgreSQL. The worker side (work items, sessions, group commit) is in this file;
/// the client side is in <c>SqlOrchestrationService.Client.cs</c>.
/// </summary>
internal sealed partial class SqlOrchestrationService :
    IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServicePurgeClient, IOrchestrationServiceQueryClient
{
    public SqlOrchestrationService(IDurableStore store, WorkerOptions options, ILoggerFactory loggerFactory)
    {
        Store = store;
        Options = options;
        Logger = loggerFactory.CreateLogger("Nightshift.Durable.Runtime");
    }

    internal IDurableStore Store { get; }

    internal WorkerOptions Options { get; }

    internal ILogger Logger { get; }

    public int TaskOrchestrationDispatcherCount => 1;

    public int MaxConcurrentTaskOrchestrationWorkItems => Options.MaxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public int TaskActivityDispatcherCount => 1;

    public int MaxConcurrentTaskActivityWorkItems => Options.MaxConcurrentActivities;

    public Task StartAsync() => throw new NotImplementedException();

    public Task StopAsync() => StopAsync(false);

    public Task StopAsync(bool isForced) => throw new NotImplementedException();

    public Task CreateAsync() => CreateAsync(false);

    public Task CreateAsync(bool recreateInstanceStore) => throw new NotImplementedException();

    public Task CreateIfNotExistsAsync() => CreateAsync(false);

    public Task DeleteAsync() => DeleteAsync(false);

    public Task DeleteAsync(bool deleteInstanceStore) => throw new NotImplementedException();

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 1;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => 1;

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
        => throw new NotImplementedException();

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => throw new NotImplementedException();

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) => throw new NotImplementedException();

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => throw new NotImplementedException();

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => throw new NotImplementedException();

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
        => throw new NotImplementedException();

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => throw new NotImplementedException();

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => throw new NotImplementedException();

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => throw new NotImplementedException();
}
