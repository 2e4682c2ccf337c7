using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Activities.Jobs;
using Nightshift.Durable;
using Nightshift.Durable.Sqlite;

namespace Nightshift.Host.Tests.Jobs;

/// <summary>
/// Fills a store with real jobs: a worker with the job monitor and the local backend runs <see cref="ShellJobs"/>
/// in this process, and the CLI under test then reads the same SQLite file as an operator would.
/// </summary>
internal static class JobStore
{
    public static async Task<OrchestrationState> RunAsync(string storePath, string instanceId, IReadOnlyList<JobSpec> jobs)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddNightshift().UseSqlite(storePath)
            .AddOrchestrator<ShellJobs>(nameof(ShellJobs))
            .AddJobs(o =>
            {
                o.Directory = Path.Combine(Path.GetDirectoryName(storePath)!, "jobs");
                o.DefaultBackend = "local";
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.SubmitGrace = TimeSpan.FromMilliseconds(100);
            })
            .AddDurableTask(worker: o => o.MaxPollInterval = TimeSpan.FromMilliseconds(50));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableClient>();
            await client.StartAsync(nameof(ShellJobs), jobs.ToList(), new StartOrchestrationOptions { InstanceId = instanceId });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            return await client.WaitForCompletionAsync(instanceId, timeout.Token);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
