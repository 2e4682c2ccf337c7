using System.CommandLine;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift history INSTANCE</c>: the recorded events of an instance.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var instance = InstanceArguments.Instance();
        var json = InstanceArguments.Json("Print a JSON array of events, payloads as JSON values.");
        var full = new Option<bool>("--full") { Description = "Show whole payloads in the table instead of their first 60 characters." };
        var last = new Option<int?>("--last") { Description = "Only the last N events. Default: all.", HelpName = "N" };
        var command = new Command("history", "Show the history of an instance: every event of every execution, in order.") { instance, json, full, last };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var state = await session.GetRequiredAsync(parse.GetRequiredValue(instance), cancellationToken).ConfigureAwait(false);
            var events = await session.Client.GetHistoryAsync(state.InstanceId, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(last) is { } n && n >= 0 && n < events.Count)
            {
                events = [.. events.Skip(events.Count - n)];
            }

            if (parse.GetValue(json))
            {
                StateJson.Print(StateJson.Array(events.Select(StateJson.From)));
            }
            else
            {
                StateView.History(events, parse.GetValue(full));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
