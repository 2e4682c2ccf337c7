using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Activities.Production;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary>
/// <c>nightshift production check NAME</c>: the outputs a registered production's completed jobs declared against what
/// it registered in <c>production_outputs</c> and what is on disk (SNfactory's <c>check_job_output</c>).
/// </summary>
internal static class ProductionCommand
{
    public static Command Create()
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
        return new Command("production", "SNfactory-style productions: check registered outputs.") { check };
    }
}
