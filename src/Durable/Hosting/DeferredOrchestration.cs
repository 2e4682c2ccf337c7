using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Nightshift.Durable.Hosting;

using OrchestrationContext = DurableTask.Core.OrchestrationContext;

/// <summary>
/// An SDK orchestrator as DurableTask.Core sees it. The SDK shim is built when the orchestrator first runs, inside
/// the dispatch middleware, because only then is the parent instance known (see <see cref="ParentInstanceScope"/>).
/// </summary>
internal sealed class DeferredOrchestration : TaskOrchestration
{
    private readonly Func<ParentOrchestrationInstance?, TaskOrchestration> build;
    private TaskOrchestration? shim;

    public DeferredOrchestration(Func<ParentOrchestrationInstance?, TaskOrchestration> build) => this.build = build;

    private TaskOrchestration Shim => shim ??= build(ParentInstanceScope.Parent);

    public override Task<string> Execute(OrchestrationContext context, string input) => Shim.Execute(context, input);

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => Shim.RaiseEvent(context, name, input);

    public override string GetStatus() => shim?.GetStatus()!;
}
