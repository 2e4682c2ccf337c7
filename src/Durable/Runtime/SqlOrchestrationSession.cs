using DurableTask.Core;

namespace Nightshift.Durable.Runtime;

/// <summary>
/// An extended session: while an instance keeps getting messages, DurableTask.Core keeps its runtime state and
/// execution cursor in memory and asks here for the next messages, so an episode costs what is new rather than a
/// replay of the whole history. The session ends (and the lock goes) after an idle spell, or when the lock is lost.
/// </summary>
internal sealed class SqlOrchestrationSession(SqlOrchestrationService service) : IOrchestrationSession
{
    public Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem)
        => service.FetchSessionMessagesAsync((SqlOrchestrationWorkItem)workItem);

    public Task EndSessionAsync() => Task.CompletedTask;
}
