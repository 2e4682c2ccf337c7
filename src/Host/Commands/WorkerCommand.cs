using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Pipelines;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift worker</c>: run episodes and activities of every pipeline until Ctrl+C or SIGTERM.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var worker = new WorkerOptionSet();
        var command = new Command("worker",
            $"Host a worker that runs every pipeline's orchestrations and activities from the store (creating it if missing) until Ctrl+C or SIGTERM. " +
            $"On shutdown, running activities get {NightshiftHostFactory.ShutdownTimeout.TotalSeconds:0} s to finish before their leases are handed back; nothing is lost either way. " +
            "Several workers may share one store.");
        worker.AddTo(command);
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            var configure = worker.Read(parse);
            var host = NightshiftHostFactory.Build(store, parse.GetValue(GlobalOptions.Verbose), configure);
            try
            {
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Nightshift.Host.Worker");
                var description = host.Services.GetRequiredService<DurableClient>().StoreDescription;
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                Logs.WorkerHosting(logger, PipelineCatalog.KnownNames, description);
                Terminal.Message($"worker running on {description} (pipelines: {PipelineCatalog.KnownNames}); Ctrl+C or SIGTERM stops it");
                await host.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
                Logs.WorkerStopped(logger);
                return ExitCodes.Success;
            }
            finally
            {
                await ((IAsyncDisposable)host).DisposeAsync().ConfigureAwait(false);
            }
        });
        return command;
    }
}
