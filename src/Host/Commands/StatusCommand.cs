using System.CommandLine;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift status INSTANCE</c>: one instance in detail.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var instance = InstanceArguments.Instance();
        var json = InstanceArguments.Json("Print the instance as one JSON object: input, output and custom status as JSON values, times in UTC.");
        var command = new Command("status", "Show one instance: status, times, custom status, input, output and failure.") { instance, json };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var state = await session.GetRequiredAsync(parse.GetRequiredValue(instance), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                StateJson.Print(StateJson.From(state));
            }
            else
            {
                var history = await session.Client.GetHistoryAsync(state.InstanceId, cancellationToken).ConfigureAwait(false);
                StateView.Details(state, history.Count);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
