using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable;
using Nightshift.Durable.Postgres;
using Nightshift.Durable.Postgres.TestWorker;
using Nightshift.Durable.Sqlite;

// Usage: TestWorker postgres CONNECTION-STRING SCHEMA HUB [LOCK-TIMEOUT-MS]
//        TestWorker sqlite PATH [LOCK-TIMEOUT-MS]
// Hosts one DurableTask.Core worker (AddDurableTask) with short lock and lease timeouts, so that the others take over
// quickly from one that is killed. Prints "ready" on stdout once it polls; logs go to stderr.
const string Usage = "usage: Nightshift.Durable.Postgres.TestWorker postgres CONNECTION-STRING SCHEMA HUB [LOCK-TIMEOUT-MS] | sqlite PATH [LOCK-TIMEOUT-MS]";
var (postgres, required) = args.FirstOrDefault() switch
{
    "postgres" => (true, 4),
    "sqlite" => (false, 2),
    _ => (false, int.MaxValue),
};
if (args.Length < required)
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

var timeout = TimeSpan.FromMilliseconds(args.Length > required ? int.Parse(args[required], CultureInfo.InvariantCulture) : 3000);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddSingleton(new StampTag(postgres ? args[3] : "default"));
var nightshift = postgres
    ? builder.Services.AddNightshift().UsePostgres(args[1], args[2], args[3])
    : builder.Services.AddNightshift().UseSqlite(args[1]);
nightshift
    .AddOrchestrator<StampChain>(StampChain.Name)
    .AddTaskActivity<Stamp>(Stamp.Name)
    .AddDurableTask(worker: o =>
    {
        o.OrchestrationLockTimeout = timeout;
        o.ActivityLeaseTimeout = timeout;
        o.MaxPollInterval = TimeSpan.FromMilliseconds(100);
        o.WorkerName = $"testworker:{Environment.ProcessId}";
    });
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;
