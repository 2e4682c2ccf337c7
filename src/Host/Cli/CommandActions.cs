using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using Nightshift.Durable;
using Nightshift.Host.Display;
using Nightshift.Host.Telemetry;

namespace Nightshift.Host.Cli;

/// <summary>
/// Wraps every command's action so that errors end as one line on stderr with the right exit code,
/// and every command is one span in the launcher's traces.
/// </summary>
internal static class CommandActions
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> action)
        => command.SetAction(async (parse, cancellationToken) =>
        {
            using var span = HostTelemetry.Source.StartActivity("nightshift " + command.Name);
            var code = await RunAsync(parse, action, cancellationToken).ConfigureAwait(false);
            span?.SetTag("process.exit.code", code);
            if (code != ExitCodes.Success)
            {
                span?.SetStatus(ActivityStatusCode.Error);
            }

            return code;
        });

    private static async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action(parse, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandLineException e)
        {
            Terminal.Message(e.Message);
            return e.ExitCode;
        }
        catch (InstanceNotFoundException e)
        {
            Terminal.Message(e.Message);
            return ExitCodes.Usage;
        }
        catch (NightshiftException e)
        {
            Terminal.Message(e.Message);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Terminal.Message("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (DbException e)
        {
            Terminal.Message($"store error: {e.Message.ReplaceLineEndings(" ")}");
            Details(parse, e);
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            Terminal.Message($"unexpected error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            Details(parse, e);
            return ExitCodes.Failed;
        }
    }

    private static void Details(ParseResult parse, Exception e)
    {
        if (parse.GetValue(GlobalOptions.Verbose))
        {
            Console.Error.WriteLine(e);
        }
    }
}
