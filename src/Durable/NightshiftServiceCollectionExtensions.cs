using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Hosting;
using Nightshift.Durable.Runtime;

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
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DurableClient(
            sp.GetRequiredService<IDurableStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SqlOrchestrationService>()));
        DurableTaskServices.AddClient(services);
        return new NightshiftBuilder(services);
    }
}
