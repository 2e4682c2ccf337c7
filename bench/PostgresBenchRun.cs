using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Nightshift.Durable;
using Nightshift.Durable.Postgres;

namespace Nightshift.Bench;

/// <summary>One measured run: a fresh schema, N worker processes and an in-process client without a worker.</summary>
internal sealed class PostgresBenchRun : IAsyncDisposable
{
    private readonly string pg;
    private readonly string schema;
    private readonly List<Process> workers = [];
    private IHost? client;

    private PostgresBenchRun(string pg, string schema)
    {
        this.pg = pg;
        this.schema = schema;
    }

    public DurableClient Client => client!.Services.GetRequiredService<DurableClient>();

    public static async Task<PostgresBenchRun> StartAsync(string pg, int workerCount, string? activitySlots, string runtime)
    {
        var run = new PostgresBenchRun(pg, $"bench_{Environment.ProcessId}_{Guid.NewGuid():N}"[..32]);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        BenchRuntime.Register(builder.Services.AddNightshift().UsePostgres(pg, run.schema), runtime, worker: false);
        run.client = builder.Build();
        await run.client.StartAsync();
        await run.Client.GetAsync("none"); // creates the schema before the workers race to

        var exe = Environment.ProcessPath!;
        var ready = new List<Task>();
        for (var i = 0; i < workerCount; i++)
        {
            var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(exe) == "dotnet")
            {
                info.ArgumentList.Add(typeof(PostgresBenchRun).Assembly.Location);
            }

            foreach (var a in new[] { "--worker", "--pg", pg, "--schema", run.schema, "--runtime", runtime })
            {
                info.ArgumentList.Add(a);
            }

            if (activitySlots is not null)
            {
                info.ArgumentList.Add("--activities");
                info.ArgumentList.Add(activitySlots);
            }

            var process = Process.Start(info)!;
            run.workers.Add(process);
            ready.Add(Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line && line != "ready")
                {
                }
            }));
        }

        await Task.WhenAll(ready).WaitAsync(TimeSpan.FromMinutes(1));
        return run;
    }

    /// <summary>Runs <paramref name="count"/> HelloCities to completion (ids warm-*); returns how many.</summary>
    public async Task<int> WarmUpAsync(int count)
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            Client.StartAsync("HelloCities", "warm", new StartOrchestrationOptions { InstanceId = $"warm-{i:D6}" })));
        await WaitForFinishedAsync(count);
        return count;
    }

    /// <summary>Polls the instances table until <paramref name="count"/> instances have finished.</summary>
    public async Task WaitForFinishedAsync(int count)
    {
        await using var connection = new NpgsqlConnection(pg);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT COUNT(*) FROM {schema}.instances WHERE status IN ('Completed', 'Failed', 'Terminated')", connection);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(30);
        while ((long)(await cmd.ExecuteScalarAsync())! < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} instances did not finish within 30 minutes.");
            }

            await Task.Delay(20);
        }
    }

    public async Task<List<object[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg) { SearchPath = schema }.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Ends the worker processes (their statistics reach the server as their connections close).</summary>
    public async Task StopWorkersAsync()
    {
        foreach (var process in workers)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        foreach (var process in workers)
        {
            await process.WaitForExitAsync();
            process.Dispose();
        }

        workers.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkersAsync();
        if (client is not null)
        {
            await client.StopAsync();
            client.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await PostgresBench.ScalarAsync(pg, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
    }
}
