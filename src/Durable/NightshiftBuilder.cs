using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nightshift.Durable.Hosting;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Runtime;

namespace Nightshift.Durable;

/// <summary>Registers orchestrations, activities, a store and a worker; returned by <c>AddNightshift</c>.</summary>
public sealed class NightshiftBuilder
{
    internal NightshiftBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }


    /// <summary>Hosts a worker (a <see cref="BackgroundService"/>) that runs episodes and activities from the store.</summary>
    /// <summary>
    /// Registers a Durable Task SDK orchestrator (a <c>TaskOrchestrator&lt;TIn,TOut&gt;</c>) under <paramref name="name"/>,
    /// for the worker that <see cref="AddDurableTask"/> hosts. Pipelines register their orchestrators this way, so a
    /// host adds a pipeline with one call and the worker with another.
    /// </summary>
    public NightshiftBuilder AddOrchestrator<T>(string name) where T : class, Microsoft.DurableTask.ITaskOrchestrator
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Services.AddOptions<DurableTaskRegistry>(DurableTaskServices.RegistryName).Configure(r => r.AddOrchestrator<T>(name));
        return this;
    }

    /// <summary>Registers a Durable Task SDK activity (a <c>TaskActivity&lt;TIn,TOut&gt;</c>, services injected) under <paramref name="name"/>.</summary>
    public NightshiftBuilder AddTaskActivity<T>(string name) where T : class, Microsoft.DurableTask.ITaskActivity
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Services.AddOptions<DurableTaskRegistry>(DurableTaskServices.RegistryName).Configure(r => r.AddActivity<T>(name));
        return this;
    }

    /// <summary>
    /// Runs orchestrators and activities written on the Microsoft.DurableTask SDK in this process: a hosted worker runs
    /// DurableTask.Core on the store, with the tasks that <paramref name="tasks"/> registers, and a
    /// <see cref="DurableTaskClient"/> is registered to start and steer instances. Payloads use the SDK's
    /// <see cref="DataConverter"/> (JSON unless a <see cref="DataConverter"/> is registered first).
    /// </summary>
    /// <param name="tasks">Registers orchestrators and activities, as with the SDK's own worker, besides those added with <see cref="AddOrchestrator{T}"/> and <see cref="AddTaskActivity{T}"/>.</param>
    /// <param name="worker">Concurrency, leases and polling of the worker; validated at start-up.</param>
    public NightshiftBuilder AddDurableTask(Action<DurableTaskRegistry>? tasks = null, Action<WorkerOptions>? worker = null)
    {
        DurableTaskServices.AddWorker(Services, tasks ?? (_ => { }), worker);
        return this;
    }

    /// <summary>
    /// Registers only the <see cref="DurableTaskClient"/>, for a process that starts and steers instances that workers
    /// elsewhere run.
    /// </summary>
    public NightshiftBuilder AddDurableTaskClient()
    {
        DurableTaskServices.AddClient(Services);
        return this;
    }

    /// <summary>Uses the given store; store packages call this from their own <c>Use…</c> extension.</summary>
    internal NightshiftBuilder UseStore(Func<IServiceProvider, IDurableStore> factory)
    {
        Services.RemoveAll<IDurableStore>();
        Services.AddSingleton(factory);
        return this;
    }
}
