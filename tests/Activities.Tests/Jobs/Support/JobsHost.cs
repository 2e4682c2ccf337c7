using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;
using Nightshift.Activities.Jobs;
using Nightshift.Durable;
using Nightshift.Durable.Sqlite;

namespace Nightshift.Activities.Tests.Jobs.Support;

/// <summary>A worker with the job monitor on a real SQLite file; every wait is bounded.</summary>
internal sealed class JobsHost : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private readonly IHost host;
    private bool stopped;

    private JobsHost(IHost host, string storePath)
    {
        this.host = host;
        StorePath = storePath;
        Client = host.Services.GetRequiredService<DurableClient>();
    }

    public DurableClient Client { get; }

    public string StorePath { get; }

    public JobQueries Queries => host.Services.GetRequiredService<JobQueries>();

    public static async Task<JobsHost> StartAsync(string directory, Action<JobsOptions>? jobs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var storePath = Path.Combine(directory, "nightshift.db");
        builder.Services.AddNightshift().UseSqlite(storePath)
            .AddOrchestrator<RunJobs>(nameof(RunJobs))
            .AddJobs(o =>
            {
                o.Directory = Path.Combine(directory, "jobs");
                o.PollInterval = TimeSpan.FromSeconds(1);
                // The default grace (2 s): at 500 ms a pause between two recorded jobs of one fan-out on a
                // busy machine split the 200-task test array in two.
                o.SubmitGrace = TimeSpan.FromSeconds(2);
                o.LeaseDuration = TimeSpan.FromSeconds(5);
                jobs?.Invoke(o);
            })
            .AddDurableTask(worker: o => o.MaxPollInterval = TimeSpan.FromMilliseconds(50));
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new JobsHost(host, storePath);
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

    /// <summary>Runs <paramref name="input"/> through <see cref="RunJobs"/> and returns each job's outcome (or failure).</summary>
    public async Task<IReadOnlyList<JobOutcome>> RunAsync(RunJobsInput input, string? instanceId = null, TimeSpan? timeout = null)
    {
        var id = await Client.StartAsync(nameof(RunJobs), input, new StartOrchestrationOptions { InstanceId = instanceId }).ConfigureAwait(false);
        var state = await WaitAsync(id, timeout).ConfigureAwait(false);
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ErrorMessage);
        return state.ReadOutputAs<List<JobOutcome>>()!;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new AssertFailedException($"Timed out waiting until {what}.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>One column of v_jobs for every row, ordered by job key.</summary>
    public async Task<List<string?>> ColumnAsync(string column, string where = "1 = 1")
    {
        await using var c = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly");
        await c.OpenAsync().ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {column} FROM v_jobs WHERE {where} ORDER BY job_key";
        var values = new List<string?>();
        await using var r = await cmd.ExecuteReaderAsync().ConfigureAwait(false);
        while (await r.ReadAsync().ConfigureAwait(false))
        {
            values.Add(r.IsDBNull(0) ? null : Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }

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

    /// <summary>Runs a command and returns its stdout, failing the test on a non-zero exit.</summary>
    public static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new AssertFailedException($"{program} {string.Join(' ', args)} exited {p.ExitCode}: {stderr}");
        }

        return stdout;
    }
}
