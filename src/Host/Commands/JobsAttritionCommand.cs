using System.CommandLine;
using Nightshift.Activities.Jobs;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift jobs attrition INSTANCE</c>: how many of an instance's job steps finished, failed or are missing.</summary>
internal static class JobsAttritionCommand
{
    public static Command Create()
    {
        var instance = InstanceArguments.Instance("The instance whose jobs to count (its sub-orchestrations have their own ids).");
        var json = InstanceArguments.Json("Print the counts, failures and unfinished jobs as JSON.");
        var command = new Command(
            "attrition",
            "Count an instance's job steps by their latest attempt: expected (steps that ran a job), finished, failed (with the stderr tail of each) and missing (not ended).")
        {
            instance, json,
        };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(instance)!;
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var attrition = await session.Service<JobQueries>().AttritionAsync(id, cancellationToken).ConfigureAwait(false);
            if (attrition.Expected == 0)
            {
                // No jobs may mean a typo or an instance that ran none; only the first is an error.
                await session.GetRequiredAsync(id, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                StateJson.Print(JobsView.Json(attrition));
            }
            else
            {
                JobsView.Attrition(attrition);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
