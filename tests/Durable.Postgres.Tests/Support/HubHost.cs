using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable.Postgres;
using Nightshift.Durable.Postgres.TestWorker;

namespace Nightshift.Durable.Tests.Support;

/// <summary>
/// A client, and optionally a DurableTask.Core worker (<c>AddDurableTask</c>), on one task hub of a schema; its Stamp
/// results carry the hub's name. Without a worker the client still goes through the backend (<c>AddDurableTaskClient</c>),
/// as the launcher's does, so it serves as the client of the tests whose workers are separate processes.
/// </summary>
internal sealed class HubHost : IAsyncDisposable
{
    private readonly IHost host;

    private HubHost(IHost host) => this.host = host;

    public DurableClient Client => host.Services.GetRequiredService<DurableClient>();

    public static async Task<HubHost> StartAsync(string schema, string hub, bool worker)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new StampTag(hub));
        var nightshift = builder.Services.AddNightshift()
            .UsePostgres(PostgresServer.ConnectionString, schema, hub);
        if (worker)
        {
            nightshift
                .AddOrchestrator<StampChain>(StampChain.Name)
                .AddTaskActivity<Stamp>(Stamp.Name)
                .AddDurableTask(worker: o => o.MaxPollInterval = TimeSpan.FromMilliseconds(50));
        }
        else
        {
            nightshift.AddDurableTaskClient();
        }

        var host = builder.Build();
        await host.StartAsync();
        return new HubHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
