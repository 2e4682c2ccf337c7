namespace Nightshift.Durable;

/// <summary>What an activity knows about the call that started it.</summary>
public sealed class ActivityContext
{
    internal ActivityContext(string name, string instanceId, int taskId, int deliveryCount, CancellationToken cancellationToken)
    {
        Name = name;
        InstanceId = instanceId;
        TaskId = taskId;
        DeliveryCount = deliveryCount;
        CancellationToken = cancellationToken;
    }

    /// <summary>The registered name of the activity.</summary>
    public string Name { get; }

    /// <summary>The orchestration instance that scheduled the activity.</summary>
    public string InstanceId { get; }

    /// <summary>The task id of the call in the orchestration's history; stable across retries of one delivery.</summary>
    public int TaskId { get; }

    /// <summary>How many times this task has been handed to a worker, counting this one (1 on the first delivery).</summary>
    public int DeliveryCount { get; }

    /// <summary>Signalled when the worker shuts down or the lease is lost.</summary>
    public CancellationToken CancellationToken { get; }
}
