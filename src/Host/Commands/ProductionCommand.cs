using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Activities.Production;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Host.Pipelines;
using Nightshift.Host.Store;
using Nightshift.Workflows.Production;

namespace Nightshift.Host.Commands;

/// <summary>
/// <c>nightshift production run</c>: a production run with batch_jobs-style options (<c>--mode</c>, <c>--name</c>,
/// <c>--output-version</c>, <c>--no-register</c>, <c>-k/--keep-going</c>, …) over an optional configuration file; it
/// is <c>nightshift run production --input JSON</c> underneath. <c>nightshift production check NAME</c>: the outputs a
/// registered production's completed jobs declared against what it registered in <c>production_outputs</c> and what
/// is on disk (SNfactory's <c>check_job_output</c>).
/// </summary>
internal static class ProductionCommand
{
    public static Command Create()
        => new("production", "SNfactory-style productions: run one with batch_jobs-style options, check its registered outputs.") { Run(), Check() };

    private static Command Run()
    {
        var config = new Option<string?>("--config") { Description = "The production's configuration (its input) as a YAML or JSON file; the options below override its fields.", HelpName = "PATH" };
        var mode = new Option<string?>("--mode", "-m") { Description = "full (all nights, then all targets), incremental (new nights, night plans only) or flux (target plans on existing night results)." };
        var name = new Option<string?>("--name") { Description = "The production's name: main, or a test production's." };
        var codeVersion = new Option<string?>("--code-version") { Description = "The code version, e.g. SNF-02-03." };
        var outputVersion = new Option<int?>("--output-version", "--outver") { Description = "The output version (production ID); 0 for the central production." };
        var raw = new Option<string?>("--raw") { Description = "The raw data directory.", HelpName = "DIR" };
        var output = new Option<string?>("--output") { Description = "The output root.", HelpName = "DIR" };
        var backend = new Option<string?>("--backend") { Description = "The batch backend of the jobs: local or slurm." };
        var nights = new Option<string?>("--nights") { Description = "Only these nights, comma-separated.", HelpName = "N1,N2" };
        var targets = new Option<string?>("--targets") { Description = "Only these targets, comma-separated.", HelpName = "T1,T2" };
        var noRegister = new Option<bool>("--no-register", "-L") { Description = "Keep this production's outputs out of the shared tables." };
        var keepGoing = new Option<bool>("--keep-going", "-k") { Description = "Continue past failed plans; without it the run stops at the first." };
        var id = new Option<string?>("--id") { Description = "The instance id of the run (default: a new one)." };
        var detach = new Option<bool>("--detach") { Description = "Only enqueue the run and print its instance id." };
        var json = new Option<bool>("--json") { Description = "Print the final instance as JSON (as 'run --json')." };
        var command = new Command("run", "Run a production (nightshift run production with these options as its input).")
        {
            config, mode, name, codeVersion, outputVersion, raw, output, backend, nights, targets, noRegister, keepGoing, id, detach, json,
        };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var request = RunRequest.Resolve(ProductionPipeline.Name, null, parse.GetValue(config), null);
            var input = (ProductionConfig)request.Input;
            input.Mode = parse.GetValue(mode) ?? input.Mode;
            input.Name = parse.GetValue(name) ?? input.Name;
            input.CodeVersion = parse.GetValue(codeVersion) ?? input.CodeVersion;
            input.OutputVersion = parse.GetValue(outputVersion) ?? input.OutputVersion;
            input.Raw = parse.GetValue(raw) ?? input.Raw;
            input.Output = parse.GetValue(output) ?? input.Output;
            input.Backend = parse.GetValue(backend) ?? input.Backend;
            input.Nights = parse.GetValue(nights) is { } n ? [.. n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : input.Nights;
            input.Targets = parse.GetValue(targets) is { } t ? [.. t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : input.Targets;
            input.NoRegister |= parse.GetValue(noRegister);
            input.KeepGoing |= parse.GetValue(keepGoing);
            if (input.Validate() is { } problem)
            {
                throw CommandLineException.Usage($"invalid input: {problem}");
            }

            List<string> args = ["run", ProductionPipeline.Name, "--input", DurableJson.Serialize(input)!];
            if (parse.GetValue(id) is { } instance)
            {
                args.AddRange(["--id", instance]);
            }

            if (parse.GetValue(detach))
            {
                args.Add("--detach");
            }

            if (parse.GetValue(json))
            {
                args.Add("--json");
            }

            if (parse.GetValue(GlobalOptions.Db) is { } db)
            {
                args.AddRange(["--db", db]);
            }

            if (parse.GetValue(GlobalOptions.Verbose))
            {
                args.Add("--verbose");
            }

            return await NightshiftCommandLine.InvokeAsync([.. args], cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Check()
    {
        var name = new Argument<string>("NAME") { Description = "The production's name (main, or a test production's)." };
        var codeVersion = new Option<string?>("--code-version") { Description = "Which code version, when the name has several." };
        var outputVersion = new Option<int?>("--output-version") { Description = "Which output version, when the name has several." };
        var check = new Command("check", "Compare expected with registered outputs of a production; exit 1 when some are missing.") { name, codeVersion, outputVersion };
        CommandActions.Set(check, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db)).RequireExisting();
            using var host = NightshiftHostFactory.Build(store, parse.GetValue(GlobalOptions.Verbose));
            var result = await host.Services.GetRequiredService<ProductionQueries>()
                .CheckAsync(parse.GetRequiredValue(name), parse.GetValue(codeVersion), parse.GetValue(outputVersion), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"production {result.Key} ({result.Status}): {result.Jobs} completed jobs, {result.Expected} expected outputs, {result.Registered} registered files");
            foreach (var missing in result.NotRegistered)
            {
                Console.WriteLine($"not registered: {missing}");
            }

            foreach (var missing in result.MissingOnDisk)
            {
                Console.WriteLine($"registered but missing on disk: {missing}");
            }

            Console.WriteLine(result.Consistent ? "consistent" : $"{result.NotRegistered.Count} not registered, {result.MissingOnDisk.Count} missing on disk");
            return result.Consistent ? ExitCodes.Success : ExitCodes.Failed;
        });
        return check;
    }
}
