using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nightshift.Durable.Runtime;

namespace Nightshift.Durable.Hosting;

/// <summary>
/// Runs DurableTask.Core's <see cref="TaskHubWorker"/> on the Nightshift backend, with the orchestrators and activities
/// of the SDK's <see cref="DurableTaskRegistry"/> bridged by <see cref="DurableTaskShimFactory"/>.
/// </summary>
internal sealed class DurableTaskHostedWorker : BackgroundService
{
    private readonly SqlOrchestrationService service;
    private readonly DurableTaskRegistry registry;
    private readonly DataConverter dataConverter;
    private readonly IServiceProvider services;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private TaskHubWorker? worker;

    public DurableTaskHostedWorker(
        SqlOrchestrationService service,
        IOptionsMonitor<DurableTaskRegistry> registries,
        DataConverter dataConverter,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        this.service = service;
        registry = registries.Get(DurableTaskServices.RegistryName);
        this.dataConverter = dataConverter;
        this.services = services;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger("Nightshift.Durable.Hosting");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = dataConverter }, loggerFactory);
        var orchestrations = new TaskObjectManager<TaskOrchestration>((name, version) => MissingTasks.Orchestration(name, version, logger));
        foreach (var registration in RegistryReader.Orchestrators(registry))
        {
            orchestrations.Add(new SdkOrchestrationCreator(registration, shims, services));
        }

        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var activities = new TaskObjectManager<TaskActivity>((name, version) => MissingTasks.Activity(name, version, logger));
        foreach (var registration in RegistryReader.Activities(registry))
        {
            activities.Add(new SdkActivityCreator(registration, shims, scopes));
        }

        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();

        var hub = new TaskHubWorker(service, orchestrations, activities, loggerFactory)
        {
            // Without it, failures reach the SDK without their details and sub-orchestration failures misbehave.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        hub.AddOrchestrationDispatcherMiddleware(ParentInstanceScope.Middleware);

        // Keep activity inputs in the history: operators read them in v_history, and a rewind queues a failed
        // activity again with the input it had. The dispatcher exists only once the hub runs, and every episode
        // passes through this middleware before its actions are recorded, so the first episode already keeps them.
        hub.AddOrchestrationDispatcherMiddleware((context, next) =>
        {
            hub.TaskOrchestrationDispatcher.IncludeParameters = true;
            return next();
        });
        worker = hub;
        await hub.StartAsync().ConfigureAwait(false);
        HostingLogs.WorkerStarted(logger, service.Store.Description, orchestrations.Count, activities.Count);

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown; StopAsync drains the worker.
        }
    }

    /// <summary>
    /// Lets running episodes and activities finish while the host's shutdown timeout allows, then stops hard: work
    /// that did not finish is left to its lock or lease, which another worker takes over when it expires.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (worker is not { } hub)
        {
            return;
        }

        // DurableTask.Core's graceful stop waits for running work items (polling each second, for up to 8 s). When the
        // host's shutdown timeout ends first, the stop is left running and work not finished stays under its lock or
        // lease, which another worker takes over; a forced stop would not be quicker, as it queues behind this one.
        var forced = false;
        try
        {
            await hub.StopAsync(isForced: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            forced = true;
        }

        HostingLogs.WorkerStopped(logger, forced);
    }

    public override void Dispose()
    {
        worker?.Dispose();
        base.Dispose();
    }
}
