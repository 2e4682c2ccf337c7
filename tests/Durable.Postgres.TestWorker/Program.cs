using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable;
using Nightshift.Durable.Postgres;
using Nightshift.Durable.Postgres.TestWorker;

// Usage: TestWorker CONNECTION-STRING SCHEMA HUB [LOCK-TIMEOUT-MS]
// Hosts one worker with short lock and lease timeouts, so that the others take over quickly from one that is
// killed. Prints "ready" on stdout once it polls; logs go to stderr.
if (args.Length < 3)
{
    await Console.Error.WriteLineAsync("usage: Nightshift.Durable.Postgres.TestWorker CONNECTION-STRING SCHEMA HUB [LOCK-TIMEOUT-MS]");
    return 2;
}

var timeout = TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3000);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddSingleton(new StampTag(args[2]));
builder.Services.AddNightshift()
    .UsePostgres(args[0], args[1], args[2])
    .AddOrchestration<StampChain>(StampChain.Name)
    .AddActivity<Stamp>(Stamp.Name)
    .AddWorker(o =>
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
