using System.CommandLine;
using Nightshift.Activities.Jobs;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary>
/// <c>nightshift jobs</c>: the batch jobs in the <c>jobs</c> table, newest first, with the stderr tail of every
/// failure; <c>jobs attrition</c> and <c>jobs delete</c> are its subcommands.
/// </summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var state = StateOption("Only jobs in these states");
        var failed = new Option<bool>("--failed") { Description = "Only jobs that ended without completing (failed, timeout, out_of_memory, cancelled, node_fail, preempted, lost)." };
        var instance = new Option<string?>("--instance") { Description = "Only jobs of this instance.", HelpName = "INSTANCE" };
        var backend = new Option<string?>("--backend") { Description = "Only jobs of this backend (local, slurm, condor).", HelpName = "BACKEND" };
        var limit = new Option<int>("--limit")
        {
            Description = "At most this many jobs (newest first).",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
            CustomParser = NumberArgument.WholeNumber(1),
        };
        var json = InstanceArguments.Json("Print a JSON array of jobs instead of a table.");

        var command = new Command(
            "jobs",
            "List batch jobs (the jobs table, also the v_jobs view), newest first; failures are followed by the last lines of their stderr.")
        {
            state, failed, instance, backend, limit, json,
            JobsAttritionCommand.Create(),
            JobsDeleteCommand.Create(),
        };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var states = parse.GetValue(state) is { Length: > 0 } chosen ? chosen.ToList() : null;
            if (parse.GetValue(failed))
            {
                var failures = Enum.GetValues<JobState>().Where(s => s > JobState.Completed);
                states = states is null ? failures.ToList() : states.Intersect(failures).ToList();
                if (states.Count == 0)
                {
                    throw CommandLineException.Usage("--failed and --state select no state in common");
                }
            }

            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var jobs = await session.Service<JobQueries>().ListAsync(
                new JobQuery { States = states, InstanceId = parse.GetValue(instance), Backend = parse.GetValue(backend), Limit = parse.GetValue(limit) },
                cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                StateJson.Print(JobsView.Json(jobs));
            }
            else
            {
                JobsView.List(jobs);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Option<JobState[]> StateOption(string description) => new("--state")
    {
        Description = $"{description} ({JobStateArgument.Known}); repeat the option or separate them with commas.",
        HelpName = "STATE",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = JobStateArgument.Parse,
    };
}
