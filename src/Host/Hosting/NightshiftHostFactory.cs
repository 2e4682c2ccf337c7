using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Nightshift.Activities.Jobs;
using Nightshift.Durable;
using Nightshift.Durable.Postgres;
using Nightshift.Durable.Sqlite;
using Nightshift.Host.Pipelines;
using Nightshift.Host.Store;

namespace Nightshift.Host.Hosting;

/// <summary>Builds the generic host every command runs in: logging to stderr, the store, every pipeline and, optionally, a worker.</summary>
internal static class NightshiftHostFactory
{
    /// <summary>How long a stopping worker lets running activities finish before it hands their leases back.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Where job scripts and logs go: next to the SQLite store, else in the working directory (nodes must see it).</summary>
    public const string JobsDirectory = "nightshift-jobs";

    private const string SlurmBackend = "slurm";

    private static readonly TimeSpan JobPollInterval = TimeSpan.FromSeconds(2);

    public static IHost Build(StoreLocation store, bool verbose, Action<WorkerOptions>? worker = null)
    {
        // The empty builder reads no appsettings or environment configuration: the command line is the configuration.
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "nightshift" });
        ConfigureLogging(builder.Logging, verbose);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);

        var nightshift = store.PostgresConnectionString is { } postgres
            ? builder.Services.AddNightshift().UsePostgres(postgres)
            : builder.Services.AddNightshift().UseSqlite(store.Path);
        PipelineCatalog.RegisterAll(nightshift);
        if (worker is null)
        {
            // Reading and steering commands query the jobs table but never submit: no monitor. Starts and messages
            // still go through the DurableTask.Core backend.
            nightshift.AddJobs(monitor: false);
            nightshift.AddDurableTaskClient();
        }

        if (worker is not null)
        {
            // Every worker can run batch jobs (LAP's executor: slurm, local) and monitors them; the jobs run this launcher.
            nightshift.AddJobs(o => ConfigureJobs(o, store, worker));
            nightshift.AddDurableTask(worker: worker);
        }

        return builder.Build();
    }

    private static void ConfigureJobs(JobsOptions options, StoreLocation store, Action<WorkerOptions> worker)
    {
        options.Backends.Add(SlurmBackend);
        options.Directory = store.PostgresConnectionString is null
            ? Path.Combine(Path.GetDirectoryName(store.Path)!, JobsDirectory)
            : Path.GetFullPath(JobsDirectory);
        options.KernelLauncher.Clear();
        foreach (var word in KernelLauncher.Words())
        {
            options.KernelLauncher.Add(word);
        }

        // A LAP chain waits for each job in turn; a 2-s poll (one squeue for all jobs) keeps that wait short.
        options.PollInterval = JobPollInterval;

        // A killed worker's job monitor hands its backend over when its lease runs out: as soon as its instance locks do
        // (--lock-timeout), but never so soon that a live monitor between two polls loses it.
        var workerOptions = new WorkerOptions();
        worker(workerOptions);
        options.LeaseDuration = TimeSpan.FromTicks(Math.Max(workerOptions.OrchestrationLockTimeout.Ticks, 3 * JobPollInterval.Ticks));
    }

    private static void ConfigureLogging(ILoggingBuilder logging, bool verbose)
    {
        logging.ClearProviders();

        // Every log line goes to stderr, so stdout carries only results (tables, JSON, instance ids).
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
    }
}
