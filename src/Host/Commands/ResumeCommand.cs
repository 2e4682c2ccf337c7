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
            "Resume a suspended instance: the messages that waited are processed. (To continue a run whose worker stopped, use 'nightshift run PIPELINE --id INSTANCE' or a worker; to retry a failed one, 'nightshift restart'.)")
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

            // A suspension may still be queued (no worker has applied it yet), so resume is sent whatever the status.
            await session.Client.ResumeAsync(state.InstanceId, parse.GetValue(reason), cancellationToken).ConfigureAwait(false);
            Logs.OperationSent(session.Logger, "Resumption", state.InstanceId);
            Console.Out.WriteLine($"Resumption of {state.InstanceId} requested ({state.Status}); a worker applies it at once.");
            return ExitCodes.Success;
        });
        return command;
    }
}
