using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nightshift.Durable.Client.Sdk;
using Nightshift.Durable.Runtime;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Hosting;

/// <summary>The service registrations behind <see cref="NightshiftBuilder.AddDurableTask"/>.</summary>
internal static class DurableTaskServices
{
    /// <summary>The options name of Nightshift's registry, apart from a registry the SDK's own worker may configure.</summary>
    public const string RegistryName = "Nightshift";

    public static void AddClient(IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>().ValidateDataAnnotations().ValidateOnStart();
        // The launcher, the job monitor and the steps ledger write payloads with DurableJson; the SDK reads them with
        // the same options, so names and enums mean the same on both sides.
        services.TryAddSingleton<DataConverter>(new JsonDataConverter(DurableJson.Options));
        services.TryAddSingleton(sp => new SqlOrchestrationService(
            sp.GetRequiredService<IDurableStore>(),
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<DurableTaskClient>(sp => new NightshiftDurableTaskClient(
            sp.GetRequiredService<SqlOrchestrationService>(), sp.GetRequiredService<DataConverter>()));
    }

    public static void AddWorker(IServiceCollection services, Action<DurableTaskRegistry> tasks, Action<WorkerOptions>? worker)
    {
        AddClient(services);
        services.AddOptions<DurableTaskRegistry>(RegistryName).Configure(tasks);
        if (worker is not null)
        {
            services.Configure(worker);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableTaskHostedWorker>());
    }
}
