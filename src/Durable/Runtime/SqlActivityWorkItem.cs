using DurableTask.Core;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Runtime;

/// <summary>A DurableTask.Core activity work item over a leased row of <c>new_tasks</c>.</summary>
internal sealed class SqlActivityWorkItem : TaskActivityWorkItem
{
    public SqlActivityWorkItem(ActivityWorkItem lease) => Lease = lease;

    public ActivityWorkItem Lease { get; }

    /// <summary>Stops the renewal of <see cref="Lease"/> once the item is completed or abandoned.</summary>
    public CancellationTokenSource Held { get; } = new();
}
