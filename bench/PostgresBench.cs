using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Nightshift.Durable;
using Nightshift.Durable.Postgres;

namespace Nightshift.Bench;

/// <summary>
/// <c>--store postgres [--runtime new] [--pg CONNSTR] [--workers 1,2,4] [--hello N] [--fanout N,M] [--warmup N] [--activities SLOTS]</c>: HelloCities and FanOutFanIn
/// on PostgreSQL with 1, 2 and 4 worker processes (this executable again, in <c>--worker</c> mode), and the raw
/// commit rate of the same server measured in the same run. This process is only the client. Each run gets a
/// fresh schema, dropped afterwards.
/// </summary>
internal static class PostgresBench
{
    // What infra/postgres/start.sh creates, without TLS: on one machine it only costs CPU (a third of the
    // workers' in this benchmark), and a server on another machine would be reached with --pg anyway.
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=nightshift;Password=nightshift;Database=nightshift;SSL Mode=Disable";

    public static async Task<int> RunAsync(string[] args)
    {
        var pg = Value(args, "--pg") ?? DefaultConnectionString;
        var hello = int.Parse(Value(args, "--hello") ?? "2000", CultureInfo.InvariantCulture);
        var fanouts = Ints(Value(args, "--fanout") ?? "1000,10000");
        var workerCounts = Ints(Value(args, "--workers") ?? "1,2,4");

        Console.WriteLine($"command: dotnet run -c Release --project bench -- {string.Join(' ', args)}");
        var server = (string)(await ScalarAsync(pg, "SELECT current_setting('server_version') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync')"))!;
        var redacted = new NpgsqlConnectionStringBuilder(pg) { Password = null };
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; store: PostgreSQL {server}; connection: {redacted.ConnectionString}");

        var raw = await RawCommitRateAsync(pg, TimeSpan.FromSeconds(3));
        Console.WriteLine($"raw PostgreSQL commit rate: {raw:F0} commits/s (one-row INSERT transactions, one connection)");

        foreach (var workers in workerCounts)
        {
            if (hello > 0)
            {
                await HelloCitiesAsync(args, pg, hello, workers);
            }

            foreach (var n in fanouts)
            {
                await FanOutAsync(args, pg, n, workers);
            }
        }

        return 0;
    }

    /// <summary><c>--worker --pg CONNSTR --schema NAME</c>: one worker process, until killed.</summary>
    public static async Task<int> WorkerAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        BenchRuntime.Register(builder.Services.AddNightshift().UsePostgres(Value(args, "--pg")!, Value(args, "--schema")!), Value(args, "--runtime") ?? "new", worker: true, o =>
        {
            // --activities N: activity slots per worker (default: WorkerOptions' own, 8 per core). The
            // benchmark's activities take no time, so more slots only measure the store, not the compute.
            if (Value(args, "--activities") is { } activities)
            {
                o.MaxConcurrentActivities = int.Parse(activities, CultureInfo.InvariantCulture);
            }
        });
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine("ready");
        await host.WaitForShutdownAsync();
        return 0;
    }

    private static async Task HelloCitiesAsync(string[] args, string pg, int n, int workerCount)
    {
        await using var run = await PostgresBenchRun.StartAsync(pg, workerCount, Value(args, "--activities"), Value(args, "--runtime") ?? "new");
        var warm = await run.WarmUpAsync(Warmup(args));
        var stats = await PostgresBenchStats.ReadAsync(pg);
        var client = run.Client;
        var clock = Stopwatch.StartNew();
        // Started all at once, as a production launches its runs; concurrent starts share transactions.
        await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
            client.StartAsync("HelloCities", i.ToString(CultureInfo.InvariantCulture), new StartOrchestrationOptions { InstanceId = $"hello-{i:D6}" })));
        var enqueued = clock.Elapsed.TotalSeconds;
        await run.WaitForFinishedAsync(warm + n);
        var elapsed = clock.Elapsed.TotalSeconds;
        await run.StopWorkersAsync();
        var used = await PostgresBenchStats.ReadAsync(pg) - stats;

        var rows = await run.RowsAsync("SELECT status, EXTRACT(EPOCH FROM completed_at - created_at) * 1000 FROM instances WHERE instance_id LIKE 'hello-%'");
        var failed = rows.Count(r => (string)r[0] != "Completed");
        var latencies = rows.Select(r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture)).Order().ToArray();
        Console.WriteLine(
            $"HelloCities N={n}, {workerCount} worker{(workerCount == 1 ? "" : "s")}: {elapsed:F2} s, {n / elapsed:F0} orchestrations/s, {5 * n / elapsed:F0} activities/s, " +
            $"latency p50 {Percentile(latencies, 0.50):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms, failed {failed}");
        Console.WriteLine($"  (starting all {n} took {enqueued:F2} s of that; {used.PerItem(n)} per orchestration)");
    }

    private static async Task FanOutAsync(string[] args, string pg, int n, int workerCount)
    {
        await using var run = await PostgresBenchRun.StartAsync(pg, workerCount, Value(args, "--activities"), Value(args, "--runtime") ?? "new");
        var warm = await run.WarmUpAsync(Warmup(args));
        var stats = await PostgresBenchStats.ReadAsync(pg);
        var clock = Stopwatch.StartNew();
        var id = await run.Client.StartAsync("FanOutFanIn", n);
        await run.WaitForFinishedAsync(warm + 1);
        var elapsed = clock.Elapsed.TotalSeconds;
        await run.StopWorkersAsync();
        var used = await PostgresBenchStats.ReadAsync(pg) - stats;
        var state = await run.Client.GetAsync(id);
        var expected = Enumerable.Range(0, n).Sum(i => (long)(i % 1000) * (i % 1000));
        var ok = state?.Status == OrchestrationStatus.Completed && state.ReadOutputAs<long>() == expected;
        Console.WriteLine(
            $"FanOutFanIn N={n}, {workerCount} worker{(workerCount == 1 ? "" : "s")}: {elapsed:F2} s, {n / elapsed:F0} activities/s, " +
            $"result {(ok ? "correct" : "WRONG: " + state?.Status + " " + state?.Output)}; {used.PerItem(n)} per activity");
    }

    private static async Task<double> RawCommitRateAsync(string pg, TimeSpan duration)
    {
        var schema = $"bench_raw_{Environment.ProcessId}";
        await using var connection = new NpgsqlConnection(pg);
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text)", connection))
        {
            await setup.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var commits = 0;
        await using (var insert = new NpgsqlCommand($"INSERT INTO {schema}.t (v) VALUES ('x')", connection))
        {
            await insert.PrepareAsync();
            while (clock.Elapsed < duration)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                commits++;
            }
        }

        await using (var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return commits / clock.Elapsed.TotalSeconds;
    }

    internal static async Task<object?> ScalarAsync(string pg, string sql)
    {
        await using var connection = new NpgsqlConnection(pg);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>
    /// <c>--warmup N</c> (default 200): HelloCities run through fresh worker processes before the clock starts, so
    /// that the figures are those of running workers rather than of the JIT compiling them.
    /// </summary>
    private static int Warmup(string[] args) => int.Parse(Value(args, "--warmup") ?? "200", CultureInfo.InvariantCulture);

    private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];

    private static int[] Ints(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    internal static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
