using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Activities.Steps;
using Nightshift.Durable;
using Nightshift.Durable.Sqlite;

namespace Nightshift.Activities.Tests.Steps;

/// <summary>A worker with the steps ledger and the test steps on a real SQLite file; every wait is bounded.</summary>
internal sealed class StepsHost : IAsyncDisposable
{
    private readonly IHost host;

    private StepsHost(IHost host, string storePath)
    {
        this.host = host;
        StorePath = storePath;
        Client = host.Services.GetRequiredService<DurableClient>();
    }

    public DurableClient Client { get; }

    public string StorePath { get; }

    public StepQueries Queries => host.Services.GetRequiredService<StepQueries>();

    public static async Task<StepsHost> StartAsync(string directory)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var storePath = Path.Combine(directory, "nightshift.db");
        builder.Services.AddNightshift().UseSqlite(storePath)
            .AddSteps()
            .AddOrchestrator<StepScenario>(nameof(StepScenario))
            .AddTaskActivity<AppendLineActivity>(AppendLineActivity.Name)
            .AddTaskActivity<RemoveLineActivity>(RemoveLineActivity.Name)
            .AddDurableTask(worker: o => o.MaxPollInterval = TimeSpan.FromMilliseconds(50));
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new StepsHost(host, storePath);
    }

    public async Task<OrchestrationState> RunAsync(string name, object input, string id)
    {
        await Client.StartAsync(name, input, new StartOrchestrationOptions { InstanceId = id }).ConfigureAwait(false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Client.WaitForCompletionAsync(id, cts.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync().ConfigureAwait(false);
        host.Dispose();
    }
}
