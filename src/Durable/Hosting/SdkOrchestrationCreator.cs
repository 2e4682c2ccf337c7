using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Nightshift.Durable.Hosting;

/// <summary>Creates DurableTask.Core orchestrations from one SDK orchestrator registration.</summary>
internal sealed class SdkOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Func<IServiceProvider, ITaskOrchestrator> factory;
    private readonly DurableTaskShimFactory shims;
    private readonly IServiceProvider services;

    public SdkOrchestrationCreator(
        TaskRegistration<Func<IServiceProvider, ITaskOrchestrator>> registration, DurableTaskShimFactory shims, IServiceProvider services)
    {
        Name = registration.Name;
        Version = registration.Version;
        factory = registration.Factory;
        this.shims = shims;
        this.services = services;
    }

    // Orchestrators come from the root provider: they must not hold scoped (or any I/O) services.
    public override TaskOrchestration Create()
        => new DeferredOrchestration(parent => shims.CreateOrchestration(Name, factory(services), parent));
}
