using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Tests.Support;

/// <summary>
/// A host with a worker on a real store (the one <see cref="TestStore"/> makes), for scenario tests. Every
/// wait is bounded, so a broken runtime fails a test instead of hanging it.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly IHost host;
    private bool stopped;

    private TestHost(IHost host, string storePath)
    {
        this.host = host;
        StorePath = storePath;
        Client = host.Services.GetRequiredService<DurableClient>();
    }

    public DurableClient Client { get; }

    public string StorePath { get; }

    public IServiceProvider Services => host.Services;

    /// <summary>The store behind the client and worker, for tests that drive it directly.</summary>
    public IDurableStore Store => host.Services.GetRequiredService<IDurableStore>();

    /// <summary>
    /// Builds and starts a host. <paramref name="services"/> adds test services (counters, gates, log
    /// providers); a <see cref="HostOptions"/> configured there overrides the default shutdown timeout.
    /// </summary>
    public static async Task<TestHost> StartAsync(
        string storePath,
        Action<NightshiftBuilder> register,
        Action<WorkerOptions>? worker = null,
        bool startWorker = true,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var nightshift = TestStore.Use(builder.Services.AddNightshift(), storePath);
        register(nightshift);
        if (startWorker)
        {
            nightshift.AddDurableTask(worker: o =>
            {
                o.MaxPollInterval = TimeSpan.FromMilliseconds(50);
                worker?.Invoke(o);
            });
        }

        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new TestHost(host, storePath);
    }

    public async Task<OrchestrationState> RunAsync(string name, object? input = null, string? instanceId = null, TimeSpan? timeout = null)
    {
        var id = await Client.StartAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId }).ConfigureAwait(false);
        return await WaitAsync(id, timeout).ConfigureAwait(false);
    }

    public async Task<OrchestrationState> WaitAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await Client.WaitForCompletionAsync(instanceId, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            var state = await Client.GetAsync(instanceId).ConfigureAwait(false);
            throw new AssertFailedException($"Instance '{instanceId}' did not finish within {timeout ?? DefaultTimeout}; it is {state?.Status}.");
        }
    }

    /// <summary>Waits until the instance's history holds an event of <paramref name="eventType"/> (optionally with that name).</summary>
    public Task WaitForHistoryAsync(string instanceId, string eventType, string? name = null, int count = 1)
        => WaitUntilAsync(
            async () => (await Client.GetHistoryAsync(instanceId).ConfigureAwait(false))
                .Count(e => e.EventType == eventType && (name is null || e.Name == name)) >= count,
            $"instance '{instanceId}' has {count} {eventType}{(name is null ? "" : $" '{name}'")} in its history");

    /// <summary>Waits until the instance row shows <paramref name="status"/>.</summary>
    public Task WaitForStatusAsync(string instanceId, OrchestrationStatus status)
        => WaitUntilAsync(
            async () => (await Client.GetAsync(instanceId).ConfigureAwait(false))?.Status == status,
            $"instance '{instanceId}' is {status}");

    /// <summary>The current execution's history as the engine sees it (with timer times and other details).</summary>
    public async Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(string instanceId)
    {
        var state = await Client.GetAsync(instanceId).ConfigureAwait(false)
            ?? throw new AssertFailedException($"No instance '{instanceId}'.");
        return await Store.LoadHistoryAsync(instanceId, state.ExecutionId, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing the test after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new AssertFailedException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the host (and its worker) as a shutdown would, without disposing it yet.</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await host.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        host.Dispose();
    }
}
