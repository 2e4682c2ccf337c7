using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable;
using Nightshift.Host.Store;

namespace Nightshift.Host.Hosting;

/// <summary>A client on a store, without a worker: what the reading and steering commands need.</summary>
internal sealed class ClientSession : IAsyncDisposable
{
    private readonly IHost host;

    private ClientSession(IHost host, StoreLocation store)
    {
        this.host = host;
        Store = store;
        Client = host.Services.GetRequiredService<DurableClient>();
        Logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Nightshift.Host");
    }

    public DurableClient Client { get; }

    public StoreLocation Store { get; }

    public ILogger Logger { get; }

    /// <summary>A service of the session's host, e.g. the job layer's queries.</summary>
    public T Service<T>() where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>Opens an existing store; a missing file is a usage error, never a new empty store.</summary>
    public static ClientSession OpenExisting(StoreLocation store, bool verbose)
        => new(NightshiftHostFactory.Build(store.RequireExisting(), verbose), store);

    /// <summary>The instance, or a usage error naming it and the store.</summary>
    public async Task<OrchestrationState> GetRequiredAsync(string instanceId, CancellationToken cancellationToken)
        => await Client.GetAsync(instanceId, cancellationToken).ConfigureAwait(false)
           ?? throw Cli.CommandLineException.Usage($"no instance '{instanceId}' in {Client.StoreDescription}");

    public async ValueTask DisposeAsync()
    {
        // The store is only IAsyncDisposable, so the provider must be disposed asynchronously.
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            host.Dispose();
        }
    }
}
