using System.CommandLine;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift resume INSTANCE</c>: continue a suspended instance.</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var instance = InstanceArguments.Instance();
        var reason = InstanceArguments.Reason("Why it was resumed; recorded in its history.");
        var command = new Command("resume",
            "Resume a suspended instance: the messages that waited are processed; an instance that paused itself and waits for an event (a facet run with interactive = True) gets that event. (To continue a run whose worker stopped, use 'nightshift run PIPELINE --id INSTANCE' or a worker; to retry a failed one, 'nightshift restart'.)")
        { instance, reason };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var state = await session.GetRequiredAsync(parse.GetRequiredValue(instance), cancellationToken).ConfigureAwait(false);
            if (state.Status.IsTerminal())
            {
                var hint = state.Status == OrchestrationStatus.Failed ? $"; to retry it, use: nightshift restart {state.InstanceId}" : "";
                throw CommandLineException.Failed($"instance '{state.InstanceId}' has already ended ({state.Status}){hint}");
            }

            // An instance that paused itself (a facet run with interactive = True) names the event it waits for in its
            // custom status; resume raises it, so one command continues both kinds of pause.
            if (WaitingFor(state.CustomStatus) is { } eventName)
            {
                await session.Client.RaiseEventAsync(state.InstanceId, eventName, null, cancellationToken).ConfigureAwait(false);
                Logs.OperationSent(session.Logger, "Event " + eventName, state.InstanceId);
                Console.Out.WriteLine($"Raised '{eventName}' on {state.InstanceId}, which was waiting for it; it continues on the worker running it (the 'nightshift run' that started it, a 'nightshift worker', or run its configuration again).");
                if (state.Status != OrchestrationStatus.Suspended)
                {
                    return ExitCodes.Success;
                }
            }

            // A suspension may still be queued (no worker has applied it yet), so resume is sent whatever the status.
            await session.Client.ResumeAsync(state.InstanceId, parse.GetValue(reason), cancellationToken).ConfigureAwait(false);
            Logs.OperationSent(session.Logger, "Resumption", state.InstanceId);
            Console.Out.WriteLine($"Resumption of {state.InstanceId} requested ({state.Status}); a worker applies it at once.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The <c>waitingFor</c> field of a JSON object custom status, if any.</summary>
    internal static string? WaitingFor(string? customStatus)
    {
        if (customStatus is null)
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(customStatus);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("waitingFor", out var value)
                && value.ValueKind == System.Text.Json.JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
