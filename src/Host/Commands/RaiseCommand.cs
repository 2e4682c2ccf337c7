using System.CommandLine;
using System.Text.Json;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Host.Pipelines;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift raise INSTANCE EVENT</c>: deliver an external event.</summary>
internal static class RaiseCommand
{
    public static Command Create()
    {
        var instance = InstanceArguments.Instance();
        var name = new Argument<string>("EVENT") { Description = "The event name the orchestration waits for." };
        var data = new Option<string?>("--data") { Description = "The event's data as JSON text. Default: no data (null).", HelpName = "JSON" };
        var command = new Command("raise",
            "Raise an external event on an instance. It is kept until the orchestration waits for it; events of one name arrive in the order raised.")
        { instance, name, data };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            var payload = parse.GetValue(data) is { } text ? JsonText.Parse(text, "--data") : (JsonElement?)null;
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var state = await session.GetRequiredAsync(parse.GetRequiredValue(instance), cancellationToken).ConfigureAwait(false);
            if (state.Status.IsTerminal())
            {
                throw CommandLineException.Failed($"instance '{state.InstanceId}' has already ended ({state.Status}); the event would never be received");
            }

            var eventName = parse.GetRequiredValue(name);
            await session.Client.RaiseEventAsync(state.InstanceId, eventName, payload, cancellationToken).ConfigureAwait(false);
            Logs.OperationSent(session.Logger, "Event " + eventName, state.InstanceId);
            Console.Out.WriteLine($"Raised '{eventName}' on {state.InstanceId} ({state.Status}).");
            return ExitCodes.Success;
        });
        return command;
    }
}
