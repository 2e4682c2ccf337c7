using System.CommandLine;
using System.CommandLine.Invocation;
using Nightshift.Host.Commands;
using Nightshift.Host.Display;

namespace Nightshift.Host.Cli;

/// <summary>The command tree and its invocation: parse errors and command errors both end as one line on stderr.</summary>
internal static class NightshiftCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "Nightshift: durable pipelines on SQL. Runs survive crashes and resume where they stopped; state is plain tables (v_instances, v_history) you can query with sqlite3.")
        {
            GlobalOptions.Db,
            GlobalOptions.Verbose,
            RunCommand.Create(),
            WorkerCommand.Create(),
            ListCommand.Create(),
            StatusCommand.Create(),
            HistoryCommand.Create(),
            RaiseCommand.Create(),
            TerminateCommand.Create(),
            SuspendCommand.Create(),
            ResumeCommand.Create(),
            RestartCommand.Create(),
            PurgeCommand.Create(),
            JobsCommand.Create(),
            KernelCommand.Create(),
            ProductionCommand.Create(),
            ResetCommand.Create(),
            CheckCommand.Create(),
            StepsCommand.Create(),
        };
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        if (KernelCommand.TryRunDirectly(args, cancellationToken) is { } kernel)
        {
            return await kernel.ConfigureAwait(false);
        }

        var parse = Create().Parse(args);
        if (parse.Action is ParseErrorAction && parse.Errors.Count > 0)
        {
            var command = string.Join(' ', parse.CommandResult.Command.Name == parse.RootCommandResult.Command.Name
                ? ["nightshift"]
                : new[] { "nightshift", parse.CommandResult.Command.Name });
            Terminal.Message($"{string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')))} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        // The host's console lifetime handles Ctrl+C and SIGTERM for the commands that run a worker; a second
        // handler here would race it and could end the process before the worker has handed its work back.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
