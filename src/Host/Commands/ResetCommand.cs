using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Activities.Steps;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Facet;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;
using Nightshift.Workflows.Facet;

namespace Nightshift.Host.Commands;

/// <summary>
/// <c>nightshift reset INSTANCE|PARSET -r DIRS [-o OPS]</c>: Factor's <c>runfactor -r/-o</c>. A running run gets the
/// reset as an event and applies it at its next safe point; otherwise the steps ledger is edited here (the undo of each
/// step runs first: a facetsub reset adds the model back) and the next run redoes the work.
/// </summary>
internal static class ResetCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("INSTANCE|PARSET") { Description = "A facet run's instance id, or its parset." };
        var directions = new Option<string>("--reset", "-r")
        {
            Description = "Comma-separated directions to reset (e.g. facet1,facet3); 'field' resets the mosaic; 'all' resets every step, to start over.",
            HelpName = "DIRS",
            Required = true,
        };
        var operations = new Option<string?>("--ops", "-o")
        {
            Description = $"Comma-separated operations to reset for those directions (default: all of them): {string.Join(", ", FacetKeys.AllOperations)}.",
            HelpName = "OPS",
        };
        var worker = new WorkerOptionSet();
        var command = new Command("reset",
            "Reset operations of facet directions: delete their products and ledger entries, undoing subtractions first. A running run applies it at its next safe point and redoes them; a finished one redoes them on the next 'nightshift run PARSET'.")
        { target, directions, operations };
        worker.AddTo(command);
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            var dirs = Split(parse.GetRequiredValue(directions));
            var ops = Split(parse.GetValue(operations) ?? "");
            if (dirs.Count == 0)
            {
                throw CommandLineException.Usage("-r needs at least one direction (e.g. -r facet1,facet3, -r field or -r all)");
            }

            if (ops.FirstOrDefault(o => !FacetKeys.AllOperations.Contains(o, StringComparer.Ordinal)) is { } unknown)
            {
                throw CommandLineException.Usage($"-o: unknown operation '{unknown}' (known: {string.Join(", ", FacetKeys.AllOperations)})");
            }

            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var (config, instance) = await FacetInstances.ResolveAsync(session, parse.GetRequiredValue(target), cancellationToken).ConfigureAwait(false);
            var steps = await FacetInstances.StepsAsync(session.Service<StepQueries>(), config, cancellationToken).ConfigureAwait(false);
            var selectors = Selectors(dirs, ops, steps, config);
            if (instance is not null && !instance.Status.IsTerminal())
            {
                await session.Client.RaiseEventAsync(instance.InstanceId, FacetPipeline.ResetEvent, new FacetResetRequest(selectors), cancellationToken).ConfigureAwait(false);
                Logs.OperationSent(session.Logger, "Reset", instance.InstanceId);
                Console.Out.WriteLine($"Reset of {string.Join(", ", selectors)} sent to running instance {instance.InstanceId}; it is applied at the next safe point (after the current operation), then the run redoes them.");
                return ExitCodes.Success;
            }

            var matching = steps.Where(s => StepSelector.MatchesAny(s.Key, selectors)).ToList();
            if (matching.Count == 0)
            {
                Console.Out.WriteLine($"Nothing to reset: no step of {config.WorkingDir} matches {string.Join(", ", selectors)}.");
                return ExitCodes.Success;
            }

            var result = await RunResetAsync(store, parse.GetValue(GlobalOptions.Verbose), worker.Read(parse), new StepSelection(config.Scope, selectors), cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine($"Reset {result.Deleted.Count} steps of {config.WorkingDir}: {string.Join(", ", result.Deleted.Order(StringComparer.Ordinal))}");
            if (result.Undone.Count > 0)
            {
                Console.Out.WriteLine($"Undone first (models added back): {string.Join(", ", result.Undone)}");
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.ProductsDeleted} products deleted. The next 'nightshift run PARSET' redoes them."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<string> Selectors(IReadOnlyList<string> dirs, IReadOnlyList<string> ops, IReadOnlyList<StepRecord> steps, FacetConfig config)
    {
        var known = steps.Select(s => s.Key.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        if (dirs.Contains("all", StringComparer.Ordinal))
        {
            return [.. known.Order(StringComparer.Ordinal)];
        }

        var directionsFile = config.DirectionsFile ?? Path.Combine(config.WorkingDir, Activities.Kernels.Facet.DirectionsFile.DefaultName);
        if (File.Exists(directionsFile))
        {
            known.UnionWith(Activities.Kernels.Facet.DirectionsFile.Read(directionsFile).Select(d => d.Name));
        }

        if (dirs.FirstOrDefault(d => d != FacetKeys.Field && !known.Contains(d)) is { } missing)
        {
            throw CommandLineException.Usage($"-r: no direction '{missing}' in {config.WorkingDir} (known: {string.Join(", ", known.Where(k => k != FacetKeys.Field).Order(StringComparer.Ordinal))}, field, all)");
        }

        return FacetKeys.ResetSelectors(dirs, ops);
    }

    private static async Task<StepResetResult> RunResetAsync(StoreLocation store, bool verbose, Action<WorkerOptions> worker, StepSelection selection, CancellationToken cancellationToken)
    {
        // The undo of a step is an activity (adding a model back edits the data), so it runs on a worker like any other.
        var host = NightshiftHostFactory.Build(store, verbose, worker);
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var client = host.Services.GetRequiredService<DurableClient>();
            var id = await client.StartAsync(StepActivityNames.Reset, selection,
                new StartOrchestrationOptions { InstanceId = string.Create(CultureInfo.InvariantCulture, $"reset-{DateTime.UtcNow:yyyyMMddTHHmmssfff}") }, cancellationToken).ConfigureAwait(false);
            var final = await client.WaitForCompletionAsync(id, cancellationToken).ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return final.Status == OrchestrationStatus.Completed
                ? final.ReadOutputAs<StepResetResult>()!
                : throw CommandLineException.Failed($"the reset ({id}) {final.Status}: {final.Failure?.Summary}");
        }
        finally
        {
            await ((IAsyncDisposable)host).DisposeAsync().ConfigureAwait(false);
        }
    }

    private static List<string> Split(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
