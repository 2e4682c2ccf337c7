using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;

namespace Nightshift.Durable.Hosting;

/// <summary>
/// Carries the parent of the orchestration being dispatched from the dispatch middleware to the SDK shim.
/// </summary>
/// <remarks>
/// DurableTask.Core builds the <see cref="TaskOrchestration"/> through <see cref="ObjectCreator{T}.Create"/>, which
/// sees no instance data, yet the SDK context exposes <c>Parent</c>. The orchestration dispatcher runs its middleware
/// around the orchestrator's execution, with the runtime state in the context, so the middleware puts the parent in
/// an <see cref="AsyncLocal{T}"/> that the deferred shim reads when the orchestrator first runs.
/// </remarks>
internal static class ParentInstanceScope
{
    private static readonly AsyncLocal<ParentOrchestrationInstance?> Current = new();

    public static ParentOrchestrationInstance? Parent => Current.Value;

    public static async Task Middleware(DispatchMiddlewareContext context, Func<Task> next)
    {
        var state = context.GetProperty<OrchestrationRuntimeState>();
        var parent = state?.ExecutionStartedEvent?.ParentInstance;
        Current.Value = parent?.OrchestrationInstance is { } instance
            ? new ParentOrchestrationInstance(parent.Name ?? "", instance.InstanceId)
            : null;
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            Current.Value = null;
        }
    }
}
