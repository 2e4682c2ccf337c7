using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Pipelines;
using Nightshift.Host.Store;
using Nightshift.Host.Telemetry;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift run PIPELINE|CONFIG</c>: start or resume a run, and follow it with an in-process worker unless detached.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("PIPELINE|CONFIG")
        {
            Description = "A pipeline name, a YAML run configuration file with 'pipeline:', 'id:' and 'input:', or a facet parset (*.parset, or YAML with 'global:'). Known pipelines: "
                + string.Join("; ", PipelineCatalog.All.Select(p => $"{p.Name}, which {p.Description}")) + ".",
        };
        var input = new Option<string?>("--input")
        {
            Description = "The pipeline input as JSON text. Default: the configuration file's input, else the pipeline's defaults. "
                + string.Join(" ", PipelineCatalog.All.Select(p => $"{p.Name}: {p.InputHelp}.")),
            HelpName = "JSON",
        };
        var inputFile = new Option<string?>("--input-file", "--config")
        {
            Description = "Read the pipeline input (its configuration) from a JSON or YAML file instead of --input.",
            HelpName = "PATH",
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "Run the pipeline's built-in demo: its default input (for lap, the synthetic two-cell survey into ./lap-output). Not with --input or --input-file.",
        };
        var executor = new Option<string?>("--executor")
        {
            Description = "Where the pipeline's kernels run, for pipelines that choose (lap: inproc, slurm or local); sets the input's 'executor' field.",
            HelpName = "NAME",
        };
        var id = new Option<string?>("--id")
        {
            Description = "The instance id. If an instance with this id exists, attach to it (resuming it if unfinished) instead of starting another. Default: a new random id.",
            HelpName = "INSTANCE",
        };
        var detach = new Option<bool>("--detach")
        {
            Description = "Only enqueue the run and print its instance id; a 'nightshift worker' runs it.",
        };
        var json = InstanceArguments.Json("Print the final instance as JSON (the shape of 'status --json') instead of a summary.");
        var dryRun = new Option<bool>("--dry-run", "-d")
        {
            Description = "Facet parsets only: print the plan (directions, groups, operations and which are done) and run nothing.",
        };
        var stopAfter = new Option<int?>("--stop-after", "-s")
        {
            Description = "Facet parsets only: stop cleanly after N selfcal groups; a later run with a larger N continues from group N+1.",
            HelpName = "N",
        };
        var worker = new WorkerOptionSet();

        var command = new Command("run",
            "Start a pipeline run, or attach to the one named by --id, and (unless --detach) host a worker in this process and show progress until it ends. " +
            "Exit code 0 when it completed, 1 when it failed or was terminated, 2 for bad input, 130 when interrupted (the run stays resumable).");
        command.Arguments.Add(target);
        command.Options.Add(input);
        command.Options.Add(inputFile);
        command.Options.Add(demo);
        command.Options.Add(executor);
        command.Options.Add(id);
        command.Options.Add(detach);
        command.Options.Add(json);
        command.Options.Add(dryRun);
        command.Options.Add(stopAfter);
        worker.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(input) is not null && result.GetResult(inputFile) is not null)
            {
                result.AddError("--input and --input-file cannot be used together");
            }

            if (result.GetValue(demo) && (result.GetResult(input) is not null || result.GetResult(inputFile) is not null))
            {
                result.AddError("--demo runs the default input; it cannot be used with --input or --input-file");
            }
        });

        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            // Everything the user typed is checked before the store is opened (opening creates it).
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            if (Facet.FacetParset.IsFacetTarget(parse.GetRequiredValue(target)))
            {
                if (parse.GetValue(id) is not null || parse.GetValue(input) is not null || parse.GetValue(inputFile) is not null || parse.GetValue(executor) is not null || parse.GetValue(demo))
                {
                    throw CommandLineException.Usage("--id, --input, --input-file, --executor and --demo do not apply to a facet parset: the parset is the input, and a run of the same working directory is attached to by itself");
                }

                if (parse.GetValue(stopAfter) is < 1)
                {
                    throw CommandLineException.Usage("-s N needs N ≥ 1 (the number of selfcal groups to process)");
                }

                return await Facet.FacetRun.ExecuteAsync(store, parse.GetRequiredValue(target), parse.GetValue(dryRun), parse.GetValue(stopAfter), parse.GetValue(detach),
                    parse.GetValue(json), parse.GetValue(GlobalOptions.Verbose), parse.GetValue(detach) ? null : worker.Read(parse), cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(dryRun) || parse.GetValue(stopAfter) is not null)
            {
                throw CommandLineException.Usage("-d and -s apply to facet runs: give a parset (*.parset, or YAML with a 'global:' section)");
            }

            var request = RunRequest.Resolve(parse.GetRequiredValue(target), parse.GetValue(input), parse.GetValue(inputFile), parse.GetValue(id), parse.GetValue(executor), parse.GetValue(demo));
            var options = new RunOptions(store, request, parse.GetValue(detach), parse.GetValue(json), parse.GetValue(GlobalOptions.Verbose));
            return await ExecuteAsync(options, parse.GetValue(detach) ? null : worker.Read(parse), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(RunOptions run, Action<WorkerOptions>? worker, CancellationToken cancellationToken)
    {
        var host = NightshiftHostFactory.Build(run.Store, run.Verbose, worker);
        try
        {
            var client = host.Services.GetRequiredService<DurableClient>();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Nightshift.Host.Run");
            var request = run.Request;
            var pipeline = request.Pipeline;

            var existing = request.InstanceId is { } wanted ? await client.GetAsync(wanted, cancellationToken).ConfigureAwait(false) : null;
            if (existing is not null)
            {
                if (existing.Name != pipeline.Orchestration)
                {
                    throw CommandLineException.Usage($"instance '{existing.InstanceId}' is a '{existing.Name}' run, not '{pipeline.Name}'; choose another --id");
                }

                if (request.InputGiven && !SameJson(existing.Input, request.InputJson))
                {
                    Terminal.Message($"instance '{existing.InstanceId}' already exists and keeps its original input; the input given now is ignored");
                }

                Logs.RunAttached(logger, existing.InstanceId, existing.Status.ToString());
            }

            if (existing?.Status == OrchestrationStatus.Suspended)
            {
                Terminal.Message($"instance '{existing.InstanceId}' is suspended; it continues after: nightshift resume {existing.InstanceId}{run.Store.HintArgument}");
            }

            var start = new StartOrchestrationOptions { InstanceId = request.InstanceId, IdReusePolicy = InstanceIdReusePolicy.ReturnExisting };
            if (run.Detach)
            {
                var detachedId = await client.StartAsync(pipeline.Orchestration, request.Input, start, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    Terminal.Message($"instance '{detachedId}' already exists ({existing.Status}); nothing new was started");
                }

                Console.Out.WriteLine(detachedId);
                return ExitCodes.Success;
            }

            if (existing is not null && existing.Status.IsTerminal())
            {
                // Attaching to a finished run shows how it ended; it does not run it again.
                return Report(run, existing, logger);
            }

            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var instanceId = await client.StartAsync(pipeline.Orchestration, request.Input, start, cancellationToken).ConfigureAwait(false);
            Logs.RunStarted(logger, pipeline.Name, instanceId, client.StoreDescription);
            Terminal.Message($"{(existing is null ? "running" : "resuming")} {pipeline.Name} as instance {instanceId} on {client.StoreDescription}; Ctrl+C stops the worker and leaves the run resumable");

            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            var final = await ProgressView.FollowAsync(client, instanceId, pipeline.Name, stopping.Token).ConfigureAwait(false);
            if (final is null)
            {
                Logs.RunInterrupted(logger, instanceId);
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                Terminal.Message($"interrupted; instance {instanceId} is unfinished and resumes with: nightshift run {pipeline.Name} --id {instanceId}{run.Store.HintArgument}");
                return ExitCodes.Interrupted;
            }

            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return Report(run, final, logger);
        }
        finally
        {
            await ((IAsyncDisposable)host).DisposeAsync().ConfigureAwait(false);
        }
    }

    private static int Report(RunOptions run, OrchestrationState state, ILogger logger)
    {
        var seconds = ((state.CompletedAt ?? state.UpdatedAt) - state.CreatedAt).TotalSeconds;
        Logs.RunEnded(logger, state.InstanceId, state.Status.ToString(), seconds);
        HostTelemetry.Runs.Add(1, new("pipeline", run.Request.Pipeline.Name), new("status", state.Status.ToString()));
        HostTelemetry.RunDuration.Record(seconds, new KeyValuePair<string, object?>("pipeline", run.Request.Pipeline.Name));
        if (run.Json)
        {
            StateJson.Print(StateJson.From(state));
        }
        else
        {
            var summary = state.Status == OrchestrationStatus.Completed ? run.Request.Pipeline.Summarize?.Invoke(state.Output) : null;
            StateView.Result(state, $"nightshift restart {state.InstanceId}{run.Store.HintArgument}", summary);
        }

        return state.Status == OrchestrationStatus.Completed ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static bool SameJson(string? a, string? b)
        => a == b || (a is not null && b is not null && JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b)));

    private sealed record RunOptions(StoreLocation Store, RunRequest Request, bool Detach, bool Json, bool Verbose);
}
