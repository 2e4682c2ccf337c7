using System.CommandLine;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift restart INSTANCE</c>: retry a failed instance from its point of failure.</summary>
internal static class RestartCommand
{
    public static Command Create()
    {
        var instance = InstanceArguments.Instance("The failed instance's id.");
        var reason = InstanceArguments.Reason("Why it was restarted; recorded in its history.");
        var command = new Command("restart",
            "Restart a failed instance from its point of failure: a new execution reuses the result of every step that succeeded and runs only what failed. " +
            "A worker ('nightshift worker', or 'nightshift run PIPELINE --id INSTANCE' to follow it) carries it out.")
        { instance, reason };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var state = await session.GetRequiredAsync(parse.GetRequiredValue(instance), cancellationToken).ConfigureAwait(false);
            if (state.Status != OrchestrationStatus.Failed)
            {
                throw CommandLineException.Failed($"instance '{state.InstanceId}' is {state.Status}; only a failed instance can be restarted");
            }

            await session.Client.RestartAsync(state.InstanceId, parse.GetValue(reason), cancellationToken).ConfigureAwait(false);
            Logs.OperationSent(session.Logger, "Restart", state.InstanceId);
            Console.Out.WriteLine($"Restarted {state.InstanceId}; follow it with: nightshift run {state.Name} --id {state.InstanceId}{store.HintArgument}");
            return ExitCodes.Success;
        });
        return command;
    }
}
