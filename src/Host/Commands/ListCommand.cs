using System.CommandLine;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift list</c>: instances, newest first, filtered.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var status = new Option<OrchestrationStatus[]>("--status")
        {
            Description = $"Only instances with these statuses ({StatusArgument.Known}); repeat the option or separate them with commas.",
            HelpName = "STATUS",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = StatusArgument.Parse,
        };
        var name = new Option<string?>("--name") { Description = "Only instances of this orchestration (e.g. demo).", HelpName = "NAME" };
        var prefix = new Option<string?>("--prefix") { Description = "Only instance ids that start with this text.", HelpName = "TEXT" };
        var since = new Option<DateTime?>("--since")
        {
            Description = $"Only instances created at or after this time: {TimeArgument.Help}.",
            HelpName = "TIME",
            CustomParser = TimeArgument.Parse,
        };
        var limit = new Option<int>("--limit")
        {
            Description = "At most this many instances (newest first).",
            HelpName = "N",
            DefaultValueFactory = _ => 50,
            CustomParser = NumberArgument.WholeNumber(1),
        };
        var json = InstanceArguments.Json("Print a JSON array of instances (the shape of 'status --json') instead of a table.");

        var command = new Command("list", "List instances in the store, newest first.") { status, name, prefix, since, limit, json };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var max = parse.GetValue(limit);
            var query = new InstanceQuery
            {
                Statuses = parse.GetValue(status) is { Length: > 0 } statuses ? statuses : null,
                Name = parse.GetValue(name),
                InstanceIdPrefix = parse.GetValue(prefix),
                CreatedFrom = parse.GetValue(since),
                PageSize = Math.Min(max, 1000),
            };

            var states = new List<OrchestrationState>();
            while (states.Count < max)
            {
                var page = await session.Client.QueryAsync(query, cancellationToken).ConfigureAwait(false);
                states.AddRange(page.Instances.Take(max - states.Count));
                if (page.ContinuationToken is null)
                {
                    break;
                }

                query = query with { ContinuationToken = page.ContinuationToken };
            }

            if (parse.GetValue(json))
            {
                StateJson.Print(StateJson.Array(states.Select(StateJson.From)));
            }
            else
            {
                StateView.List(states);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
