using Microsoft.Extensions.DependencyInjection;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Kernels.Snf;
using Nightshift.Activities.Production;
using Nightshift.Durable;
using Nightshift.Workflows.Production;
using Nightshift.Workflows.Tests.Support;

namespace Nightshift.Workflows.Tests.Production;

/// <summary>
/// A worker with the production pipeline and the job layer on a SQLite file. Jobs run the real kernels through
/// Nightshift.KernelRunner (what 'nightshift kernel' does on a node), as local processes or SLURM array tasks.
/// </summary>
internal static class ProductionFixture
{
    public static string KernelRunner => Path.Combine(AppContext.BaseDirectory, "Nightshift.KernelRunner");

    public static Task<TestHost> StartAsync(string directory, bool slurm = false)
        => TestHost.StartAsync(
            Path.Combine(directory, "nightshift.db"),
            b => b.AddProduction().AddJobs(o =>
            {
                o.Directory = Path.Combine(directory, "jobs");
                o.KernelLauncher.Clear();
                o.KernelLauncher.Add(KernelRunner);
                o.PollInterval = TimeSpan.FromMilliseconds(slurm ? 2000 : 300);
                o.SubmitGrace = TimeSpan.FromMilliseconds(slurm ? 2000 : 200);
                o.LeaseDuration = TimeSpan.FromSeconds(10);
                if (slurm)
                {
                    o.Backends.Add("slurm");
                }
            }));

    /// <summary>A fresh directory under /tmp (SLURM on this machine writes job logs there too).</summary>
    public static string NewDirectory(string what)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ns-prod-{what}-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A job still writing its log; /tmp is cleaned by the OS.
        }
    }

    public static ProductionConfig Config(string raw, string output, string mode = "full", string name = "main", int outputVersion = 0)
        => new() { Name = name, OutputVersion = outputVersion, Mode = mode, Raw = raw, Output = output };

    public static async Task<OrchestrationState> RunAsync(TestHost host, ProductionConfig config, string id, TimeSpan? timeout = null)
        => await host.RunAsync(ProductionPipeline.Name, config, id, timeout ?? TimeSpan.FromMinutes(5));

    public static SnfLayout Layout(string raw, string output, ProductionConfig config) => new(raw, config.Key.Directory(output));

    public static JobQueries Jobs(TestHost host) => host.Services.GetRequiredService<JobQueries>();

    public static ProductionQueries Productions(TestHost host) => host.Services.GetRequiredService<ProductionQueries>();
}
