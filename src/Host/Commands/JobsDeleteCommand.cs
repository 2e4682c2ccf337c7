using System.CommandLine;
using Nightshift.Activities.Jobs;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary>
/// <c>nightshift jobs delete</c>: removes ended jobs' records, declared outputs and logs so that the step submits
/// the job again the next time it runs (after a restart, or a run started again with the same id).
/// </summary>
internal static class JobsDeleteCommand
{
    public static Command Create()
    {
        var keys = new Argument<string[]>("JOB") { Description = "Job keys (INSTANCE/STEP/ATTEMPT, the first column of 'nightshift jobs').", Arity = ArgumentArity.ZeroOrMore };
        var instance = new Option<string?>("--instance") { Description = "Delete the ended jobs of this instance (with --state, only those).", HelpName = "INSTANCE" };
        var state = JobsCommand.StateOption("With --instance, only jobs in these states");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be deleted and change nothing." };
        var command = new Command(
            "delete",
            "Delete ended jobs: their rows in the jobs table, the outputs their specs declare and their logs, so that they can be submitted again. Jobs that have not ended are kept.")
        {
            keys, instance, state, dryRun,
        };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(keys) ?? [];
            var of = parse.GetValue(instance);
            var states = parse.GetValue(state) is { Length: > 0 } s ? s : null;
            if (chosen.Length == 0 && of is null)
            {
                throw CommandLineException.Usage("name the jobs to delete, or --instance ID (see 'nightshift jobs delete --help')");
            }

            if (states is not null && of is null)
            {
                throw CommandLineException.Usage("--state selects among an instance's jobs: add --instance ID");
            }

            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var all = chosen.ToList();
            if (of is not null)
            {
                await session.GetRequiredAsync(of, cancellationToken).ConfigureAwait(false);
                var jobs = await session.Service<JobQueries>().ListAsync(
                    new JobQuery { InstanceId = of, States = states ?? [.. Enum.GetValues<JobState>().Where(x => x >= JobState.Completed)], Limit = int.MaxValue },
                    cancellationToken).ConfigureAwait(false);
                all.AddRange(jobs.Select(j => j.JobKey));
            }

            var deletions = await session.Service<JobCleanup>().DeleteAsync(all, parse.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
            JobsView.Deletions(deletions);
            return deletions.All(d => d.Result is JobDeletionResult.Deleted or JobDeletionResult.WouldDelete) ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }
}
