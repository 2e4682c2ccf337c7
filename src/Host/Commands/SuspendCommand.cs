using System.CommandLine;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift suspend INSTANCE</c>: pause an instance.</summary>
internal static class SuspendCommand
{
    public static Command Create()
    {
        var instance = InstanceArguments.Instance();
        var reason = InstanceArguments.Reason("Why it was paused; recorded in its history.");
        var command = new Command("suspend",
            "Suspend an unfinished instance: after its next episode it takes no new steps (activities already running finish) until 'nightshift resume'.")
        { instance, reason };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var state = await session.GetRequiredAsync(parse.GetRequiredValue(instance), cancellationToken).ConfigureAwait(false);
            if (state.Status.IsTerminal())
            {
                throw CommandLineException.Failed($"instance '{state.InstanceId}' has already ended ({state.Status}); nothing to suspend");
            }

            if (state.Status == OrchestrationStatus.Suspended)
            {
                Console.Out.WriteLine($"{state.InstanceId} is already suspended.");
                return ExitCodes.Success;
            }

            await session.Client.SuspendAsync(state.InstanceId, parse.GetValue(reason), cancellationToken).ConfigureAwait(false);
            Logs.OperationSent(session.Logger, "Suspension", state.InstanceId);
            Console.Out.WriteLine($"Suspension of {state.InstanceId} requested; a worker applies it at the instance's next episode.");
            return ExitCodes.Success;
        });
        return command;
    }
}
