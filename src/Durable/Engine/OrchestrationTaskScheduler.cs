namespace Nightshift.Durable.Engine;

/// <summary>
/// Runs orchestration code on the dispatcher's own thread, one task at a time and in the order queued.
/// Every continuation of an awaited engine task lands back here, so orchestration code never runs on the
/// thread pool and its scheduling order is a function of the history alone.
/// </summary>
internal sealed class OrchestrationTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> queue = new();

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Executes queued tasks until none is left.</summary>
    public void RunUntilIdle()
    {
        while (queue.Count > 0)
        {
            TryExecuteTask(queue.Dequeue());
        }
    }

    protected override void QueueTask(Task task) => queue.Enqueue(task);

    // Inlining would let a continuation run on whichever thread completed its antecedent.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();
}
