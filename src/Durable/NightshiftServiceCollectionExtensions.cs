using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Worker;

namespace Nightshift.Durable;

/// <summary>Adds Nightshift to a service collection.</summary>
public static class NightshiftServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Nightshift client and registry. Chain <c>UseSqlite</c> (or another store),
    /// <see cref="NightshiftBuilder.AddOrchestration{T}"/>, <see cref="NightshiftBuilder.AddActivity{T}"/> and,
    /// to run work in this process, <see cref="NightshiftBuilder.AddWorker"/>.
    /// </summary>
    public static NightshiftBuilder AddNightshift(this IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(DurableRegistry))?.ImplementationInstance as DurableRegistry;
        var registry = existing ?? new DurableRegistry();
        if (existing is null)
        {
            services.AddSingleton(registry);
            services.AddLogging();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<WorkSignal>();
            services.TryAddSingleton(sp => new DurableClient(
                sp.GetRequiredService<IDurableStore>(), sp.GetRequiredService<WorkSignal>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetService<Runtime.SqlOrchestrationService>()));
        }

        return new NightshiftBuilder(services, registry);
    }
}
