using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Jobs;

/// <summary>Adds batch jobs to a Nightshift host.</summary>
public static class JobsBuilderExtensions
{
    /// <summary>
    /// Registers the job activity used by <see cref="JobOrchestrationExtensions.RunJobAsync"/>, the job ledger,
    /// <see cref="JobQueries"/>, <see cref="JobCleanup"/>, the backends and (with <paramref name="monitor"/>) the job monitor as a hosted
    /// service. A host that only reads jobs (a CLI listing) passes <paramref name="monitor"/> false.
    /// </summary>
    public static NightshiftBuilder AddJobs(this NightshiftBuilder builder, Action<JobsOptions>? configure = null, bool monitor = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new JobsOptions();
        configure?.Invoke(options);
        if (options.Backends.Count == 0 || !options.Backends.Contains(options.DefaultBackend, StringComparer.Ordinal))
        {
            options.Backends.Add(options.DefaultBackend);
        }

        builder.AddStoreSchema(JobLedger.Schema);
        var services = builder.Services;
        services.TryAddSingleton(options);
        services.TryAddSingleton<JobMonitorSignal>();
        services.TryAddSingleton(sp => new JobLedger(sp.GetRequiredService<INightshiftSqlStore>()));
        services.TryAddSingleton(sp => new JobQueries(sp.GetRequiredService<JobLedger>()));
        services.TryAddSingleton(sp => new JobCleanup(sp.GetRequiredService<JobLedger>()));
        services.TryAddSingleton(sp => new SchedulerCommand(sp.GetRequiredService<ILoggerFactory>().CreateLogger<SchedulerCommand>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobBackend, LocalJobBackend>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobBackend, SlurmJobBackend>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobBackend, CondorJobBackend>());
        builder.AddTaskActivity<RecordJobActivity>(RecordJobActivity.ActivityName);
        if (monitor)
        {
            services.TryAddSingleton<JobMonitor>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, JobMonitor>(sp => sp.GetRequiredService<JobMonitor>()));
        }

        return builder;
    }
}
