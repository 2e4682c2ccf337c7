using Nightshift.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nightshift.Runtime.Tests.Support;

using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

/// <summary>
/// A generic host set up the way the README shows (<c>AddNightshift().Use…().AddDurableTask(…)</c>) on a test store.
/// Every wait is bounded, so a broken runtime fails a test instead of hanging the run.
/// </summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly IHost host;
    private bool stopped;

    private RuntimeHost(IHost host)
    {
        this.host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => host.Services;

    public Probe Probe => host.Services.GetRequiredService<Probe>();

    public static async Task<RuntimeHost> StartAsync(Backend backend, Action<WorkerOptions>? worker = null, bool startWorker = true, Probe? probe = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton(probe ?? new Probe());
        builder.Services.AddScoped<ScopedThing>();
        var nightshift = backend.Use(builder.Services.AddNightshift());
        if (startWorker)
        {
            nightshift.AddDurableTask(TestTasks.Register, o =>
            {
                o.MaxPollInterval = TimeSpan.FromMilliseconds(50);
                worker?.Invoke(o);
            });
        }
        else
        {
            nightshift.AddDurableTaskClient();
        }

        var host = builder.Build();
        await host.StartAsync();
        return new RuntimeHost(host);
    }

    public Task<string> StartAsync(TaskName name, object? input = null, string? instanceId = null, StartOrchestrationOptions? options = null)
        => Client.ScheduleNewOrchestrationInstanceAsync(name, input, options ?? new StartOrchestrationOptions(instanceId));

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            throw new AssertFailedException(
                $"Instance {instanceId} did not finish within {timeout ?? DefaultTimeout}; it is {state?.RuntimeStatus.ToString() ?? "not in the store"}" +
                (state?.FailureDetails is { } f ? $" ({f.ErrorType}: {f.ErrorMessage})" : ""));
        }
    }

    public async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, string? instanceId = null, TimeSpan? timeout = null)
        => await WaitAsync(await StartAsync(name, input, instanceId), timeout);

    /// <summary>Polls until <paramref name="condition"/> holds on the instance; fails after the timeout.</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { } state && condition(state))
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new AssertFailedException($"Instance {instanceId}: {what} did not happen within {timeout ?? DefaultTimeout}.");
            }

            await Task.Delay(25);
        }
    }

    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        host.Dispose();
    }
}
