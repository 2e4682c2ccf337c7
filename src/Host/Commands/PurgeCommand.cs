using System.CommandLine;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift purge</c>: delete finished instances with their history.</summary>
internal static class PurgeCommand
{
    private static readonly OrchestrationStatus[] Finished = [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated];

    public static Command Create()
    {
        var instance = new Argument<string?>("INSTANCE") { Description = "One finished instance to delete. Omit it to purge by filter.", Arity = ArgumentArity.ZeroOrOne };
        var completedBefore = new Option<DateTime?>("--completed-before")
        {
            Description = $"Only instances that finished before this time: {TimeArgument.Help}.",
            HelpName = "TIME",
            CustomParser = TimeArgument.Parse,
        };
        var status = new Option<OrchestrationStatus[]>("--status")
        {
            Description = "Only these finished statuses (Completed, Failed, Terminated). Default: all three.",
            HelpName = "STATUS",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = StatusArgument.Parse,
        };
        var prefix = new Option<string?>("--prefix") { Description = "Only instance ids that start with this text.", HelpName = "TEXT" };
        var all = new Option<bool>("--all") { Description = "Purge every finished instance (required when no other filter is given)." };
        var command = new Command("purge",
            "Delete finished instances (Completed, Failed, Terminated) with their history, in batches. Unfinished instances are never purged.")
        { instance, completedBefore, status, prefix, all };
        command.Validators.Add(result =>
        {
            var filtered = result.GetResult(completedBefore) is not null || result.GetResult(status) is not null || result.GetResult(prefix) is not null;
            var hasInstance = result.GetValue(instance) is not null;
            if (hasInstance && (filtered || result.GetValue(all)))
            {
                result.AddError("give either an INSTANCE or filters, not both");
            }
            else if (!hasInstance && !filtered && !result.GetValue(all))
            {
                result.AddError("give an INSTANCE, a filter (--completed-before, --status, --prefix) or --all");
            }

            if (result.GetValue(status) is { } statuses && statuses.Where(s => !s.IsTerminal()).ToList() is { Count: > 0 } unfinished)
            {
                result.AddError($"--status {string.Join(", ", unfinished)}: only finished instances (Completed, Failed, Terminated) can be purged");
            }
        });
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            if (parse.GetValue(instance) is { } id)
            {
                var state = await session.GetRequiredAsync(id, cancellationToken).ConfigureAwait(false);
                if (!state.Status.IsTerminal() || !await session.Client.PurgeAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    throw CommandLineException.Failed($"instance '{id}' is {state.Status}; only finished instances can be purged (terminate it first)");
                }

                Logs.Purged(session.Logger, 1, session.Client.StoreDescription);
                Console.Out.WriteLine($"Purged {id}.");
                return ExitCodes.Success;
            }

            var filter = new PurgeFilter
            {
                CompletedBefore = parse.GetValue(completedBefore),
                Statuses = parse.GetValue(status) is { Length: > 0 } statuses ? statuses : Finished,
                InstanceIdPrefix = parse.GetValue(prefix),
            };
            var count = await session.Client.PurgeAsync(filter, cancellationToken).ConfigureAwait(false);
            Logs.Purged(session.Logger, count, session.Client.StoreDescription);
            Console.Out.WriteLine($"Purged {count} instance{(count == 1 ? "" : "s")}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
