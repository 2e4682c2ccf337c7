using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;
using Nightshift.Workflows.Facet;

namespace Nightshift.Host.Facet;

/// <summary>
/// <c>nightshift run PARSET [-d] [-s N]</c>: a facet run of the field the parset describes. A run of that field that is
/// still going is attached to; otherwise a new instance starts, and the steps ledger skips everything done before.
/// </summary>
internal static class FacetRun
{
    public static async Task<int> ExecuteAsync(StoreLocation store, string parset, bool dryRun, int? stopAfter, bool detach, bool json, bool verbose, Action<WorkerOptions>? worker, CancellationToken cancellationToken)
    {
        var config = FacetParset.Load(parset, stopAfter);
        if (dryRun)
        {
            IReadOnlyList<StepRecord> steps = [];
            if (store.PostgresConnectionString is not null || File.Exists(store.Path))
            {
                await using var session = ClientSession.OpenExisting(store, verbose);
                steps = await FacetInstances.StepsAsync(session.Service<StepQueries>(), config, cancellationToken).ConfigureAwait(false);
            }

            FacetDryRun.Print(config, steps, Console.Out);
            return ExitCodes.Success;
        }

        var host = NightshiftHostFactory.Build(store, verbose, detach ? null : worker);
        try
        {
            var client = host.Services.GetRequiredService<DurableClient>();
            var runs = await FacetInstances.ForWorkingDirAsync(client, config.WorkingDir, cancellationToken).ConfigureAwait(false);
            var active = runs.FirstOrDefault(r => !r.Status.IsTerminal());
            string instanceId;
            if (active is not null)
            {
                instanceId = active.InstanceId;
                Terminal.Message($"a run of {config.WorkingDir} is already going: attaching to instance {instanceId} ({active.Status}); its options stay as they were");
            }
            else
            {
                await RefuseLayoutChangeAsync(host.Services, config, cancellationToken).ConfigureAwait(false);
                instanceId = string.Create(CultureInfo.InvariantCulture, $"facet-{Path.GetFileNameWithoutExtension(parset)}-{DateTime.UtcNow:yyyyMMddTHHmmssfff}");
                await client.StartAsync(FacetPipeline.Name, config, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken).ConfigureAwait(false);
            }

            if (detach)
            {
                Console.Out.WriteLine(instanceId);
                return ExitCodes.Success;
            }

            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            Terminal.Message($"running facet self-calibration of {config.WorkingDir} as instance {instanceId} on {client.StoreDescription}; Ctrl+C stops the worker, and running the parset again continues");
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            var final = await ProgressView.FollowAsync(client, instanceId, "facet", stopping.Token).ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            if (final is null)
            {
                Terminal.Message($"interrupted; instance {instanceId} is unfinished; run the parset again to continue: nightshift run {parset}{store.HintArgument}");
                return ExitCodes.Interrupted;
            }

            if (json)
            {
                StateJson.Print(StateJson.From(final));
            }
            else
            {
                StateView.Result(final, $"nightshift run {parset}{store.HintArgument} (completed operations are skipped)");
                if (final.ReadCustomStatusAs<FacetStatus>() is { State: "stopped", Reason: { } reason })
                {
                    Terminal.Message(reason);
                }
            }

            return final.Status == OrchestrationStatus.Completed ? ExitCodes.Success : ExitCodes.Failed;
        }
        finally
        {
            await ((IAsyncDisposable)host).DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refuses, before anything starts, a run whose facet layout differs from the one its working directory recorded
    /// (Factor silently produced wrong results). The orchestration checks again after an interactive pause.
    /// </summary>
    private static async Task RefuseLayoutChangeAsync(IServiceProvider services, FacetConfig config, CancellationToken cancellationToken)
    {
        var steps = await services.GetRequiredService<StepQueries>().ListAsync(config.Scope, cancellationToken).ConfigureAwait(false);
        if (steps.FirstOrDefault(s => s.Key == FacetKeys.Step(FacetKeys.Field, "layout") && s.Status == StepStatus.Completed) is not { } recorded)
        {
            return;
        }

        var chunks = FacetWorkspace.ChunkFiles(config.WorkingDir);
        if (chunks.Count == 0)
        {
            return;
        }

        var vis = Visibilities.Read(chunks[0]);
        DirectionsResult directions;
        try
        {
            directions = FacetPlan.Directions(new ChooseDirectionsInput(config.WorkingDir, config.InputDir, config.DirectionsFile, config.Selection, config.Settings), vis.RaDeg, vis.DecDeg, write: false);
        }
        catch (FormatException e)
        {
            throw CommandLineException.Usage(e.Message);
        }

        var now = FacetPlan.LayoutSignature(directions.Directions, config.Settings.FacetingRadiusDeg);
        var before = DurableJson.Deserialize<string>(recorded.Result) ?? "";
        if (before != now)
        {
            throw CommandLineException.Failed("refused: " + FacetLayoutCheck.Describe(before, now, config.WorkingDir));
        }
    }
}
