using Nightshift.Durable.Engine;

namespace Nightshift.Durable.Worker;

/// <summary>
/// Live executors kept between episodes, least recently used evicted first. An entry is only reused
/// when the instance row still shows the execution and episode the executor last committed; anything
/// else (another worker ran an episode, a restart, a crash) means a full replay from history.
/// </summary>
internal sealed class OrchestrationCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> order = new();
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>Takes the executor out of the cache if it is current for this execution and episode.</summary>
    public OrchestrationExecutor? Take(string instanceId, string executionId, long episode)
    {
        lock (gate)
        {
            if (!entries.Remove(instanceId, out var node))
            {
                return null;
            }

            order.Remove(node);
            return node.Value.ExecutionId == executionId && node.Value.Episode == episode ? node.Value.Executor : null;
        }
    }

    /// <summary>Keeps the executor as of <paramref name="episode"/> (the number its commit produced).</summary>
    public void Put(OrchestrationExecutor executor, string executionId, long episode)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (gate)
        {
            if (entries.Remove(executor.InstanceId, out var old))
            {
                order.Remove(old);
            }

            entries[executor.InstanceId] = order.AddFirst(new Entry(executor, executionId, episode));
            while (entries.Count > capacity && order.Last is { } last)
            {
                order.RemoveLast();
                entries.Remove(last.Value.Executor.InstanceId);
            }
        }
    }

    private sealed record Entry(OrchestrationExecutor Executor, string ExecutionId, long Episode);
}
