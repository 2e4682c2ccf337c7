using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Bench;
using Nightshift.Durable;
using Nightshift.Durable.Sqlite;

if (args.Contains("--worker"))
{
    return await PostgresBench.WorkerAsync(args); // a worker process of the PostgreSQL runs: bench/PostgresBench.cs
}

if (PostgresBench.Value(args, "--store") == "postgres")
{
    return await PostgresBench.RunAsync(args); // 1, 2, 4 worker processes on PostgreSQL: bench/PostgresBench.cs
}

if (args.Contains("--jobs"))
{
    return await JobsBench.RunAsync(args); // batch jobs on the local SLURM: bench/JobsBench.cs
}

// Throughput and latency of the runtime on the embedded SQLite store, with the raw commit rate of the
// same disk measured in the same run, so that every figure can be read as a fraction of what SQLite allows.
var hello = IntArg("--hello", 2000);
var fanouts = (Arg("--fanout") ?? "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var dir = Arg("--dir") ?? Path.Combine(Path.GetTempPath(), "nightshift-bench-" + Environment.ProcessId);
Directory.CreateDirectory(dir);

Console.WriteLine($"command: dotnet run -c Release --project bench -- {string.Join(' ', args)}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, store: SQLite (WAL, synchronous=NORMAL) in {dir}");

var raw = RawCommitRate(Path.Combine(dir, "raw.db"), TimeSpan.FromSeconds(3));
Console.WriteLine($"raw SQLite commit rate: {raw:F0} commits/s (one-row INSERT transactions)");

// --runtime new: the DurableTask.Core runtime (the home-made engine it replaced was measured beside it before it went).
var runtimes = new[] { Arg("--runtime") ?? "new" };
foreach (var runtime in runtimes)
{
    Console.WriteLine($"-- runtime: {(runtime == "old" ? "old engine (home-made replay)" : "DurableTask.Core 3.11.3 + Durable Task SDK 1.28 on the Nightshift backend")}");
    if (hello > 0)
    {
        await HelloCitiesAsync(Path.Combine(dir, $"hello-{runtime}.db"), hello, raw, runtime);
    }

    var fanoutTimes = new Dictionary<int, double>();
    foreach (var n in fanouts)
    {
        fanoutTimes[n] = await FanOutAsync(Path.Combine(dir, $"fanout-{n}-{runtime}.db"), n, runtime);
        Console.WriteLine($"  working set after it: {Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024)} MiB, peak so far {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
    }

    if (fanoutTimes.Count >= 2)
    {
        var (small, large) = (fanoutTimes.Keys.Min(), fanoutTimes.Keys.Max());
        Console.WriteLine($"FanOutFanIn scaling: N={large} took {fanoutTimes[large] / fanoutTimes[small]:F2}x the time of N={small} (linear would be {(double)large / small:F0}x)");
    }
}

Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
Directory.Delete(dir, recursive: true);
return 0;

static async Task HelloCitiesAsync(string path, int n, double raw, string runtime)
{
    await using var host = await BenchHost.StartAsync(path, runtime);
    var client = host.Client;
    var clock = Stopwatch.StartNew();
    // Started all at once, as a production launches its runs; concurrent starts share transactions.
    var ids = await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
        client.StartAsync("HelloCities", i.ToString(CultureInfo.InvariantCulture), new StartOrchestrationOptions { InstanceId = $"hello-{i:D6}" })));
    var enqueued = clock.Elapsed.TotalSeconds;

    var states = new List<OrchestrationState>(n);
    foreach (var id in ids)
    {
        states.Add(await client.WaitForCompletionAsync(id));
    }

    var elapsed = clock.Elapsed.TotalSeconds;
    var failed = states.Count(s => s.Status != OrchestrationStatus.Completed);
    var latencies = states.Select(s => (s.CompletedAt!.Value - s.CreatedAt).TotalMilliseconds).Order().ToArray();
    var rate = n / elapsed;
    // Per orchestration: 6 episodes, 5 task claims (batched) and 5 completions (batched), 1 start.
    Console.WriteLine(
        $"HelloCities N={n}: {elapsed:F2} s, {rate:F0} orchestrations/s, {5 * n / elapsed:F0} activities/s, " +
        $"latency p50 {Percentile(latencies, 0.50):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms, failed {failed}");
    Console.WriteLine($"  (starting all {n} took {enqueued:F2} s of that)");
}

static async Task<double> FanOutAsync(string path, int n, string runtime)
{
    await using var host = await BenchHost.StartAsync(path, runtime);
    var clock = Stopwatch.StartNew();
    var id = await host.Client.StartAsync("FanOutFanIn", n);
    var state = await host.Client.WaitForCompletionAsync(id);
    var elapsed = clock.Elapsed.TotalSeconds;
    var expected = Enumerable.Range(0, n).Sum(i => (long)(i % 1000) * (i % 1000));
    var ok = state.Status == OrchestrationStatus.Completed && state.ReadOutputAs<long>() == expected;
    Console.WriteLine($"FanOutFanIn N={n}: {elapsed:F2} s, {n / elapsed:F0} activities/s, result {(ok ? "correct" : "WRONG: " + state.Status + " " + state.Output)}");
    return elapsed;
}

static double RawCommitRate(string path, TimeSpan duration)
{
    using var connection = new SqliteConnection($"Data Source={path}");
    connection.Open();
    using (var setup = connection.CreateCommand())
    {
        setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)";
        setup.ExecuteNonQuery();
    }

    var clock = Stopwatch.StartNew();
    var commits = 0;
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO t (v) VALUES ('x')";
    while (clock.Elapsed < duration)
    {
        using var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        insert.ExecuteNonQuery();
        transaction.Commit();
        commits++;
    }

    return commits / clock.Elapsed.TotalSeconds;
}

static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int IntArg(string name, int fallback) => Arg(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;

/// <summary>A worker host on one SQLite file.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost host;

    private BenchHost(IHost host) => this.host = host;

    public DurableClient Client => host.Services.GetRequiredService<DurableClient>();

    public static async Task<BenchHost> StartAsync(string path, string runtime)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        BenchRuntime.Register(builder.Services.AddNightshift().UseSqlite(path), runtime, worker: true);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
