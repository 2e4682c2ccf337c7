using System.CommandLine;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift terminate INSTANCE</c>: stop an unfinished instance for good.</summary>
internal static class TerminateCommand
{
    public static Command Create()
    {
        var instance = InstanceArguments.Instance();
        var reason = InstanceArguments.Reason("Why it was stopped; recorded with the instance and shown by 'status'.");
        var recursive = new Option<bool>("--recursive") { Description = "Terminate its unfinished sub-orchestrations too." };
        var command = new Command("terminate",
            "Terminate an unfinished instance: a worker stops it at its next episode and it ends as Terminated. Finished steps stay in its history.")
        { instance, reason, recursive };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var state = await session.GetRequiredAsync(parse.GetRequiredValue(instance), cancellationToken).ConfigureAwait(false);
            if (state.Status.IsTerminal())
            {
                throw CommandLineException.Failed($"instance '{state.InstanceId}' has already ended ({state.Status}); nothing to terminate");
            }

            await session.Client.TerminateAsync(state.InstanceId, parse.GetValue(reason), parse.GetValue(recursive), cancellationToken).ConfigureAwait(false);
            Logs.OperationSent(session.Logger, "Termination", state.InstanceId);
            Console.Out.WriteLine($"Termination of {state.InstanceId} requested; a worker applies it at the instance's next episode.");
            return ExitCodes.Success;
        });
        return command;
    }
}
