using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Nightshift.Activities.Jobs;

/// <summary>
/// Runs scheduler commands (sbatch, squeue, condor_q, …) without a shell and retries the transient controller
/// errors that busy SLURM clusters print, so one hiccup does not fail a submission or a poll.
/// </summary>
internal sealed class SchedulerCommand(ILogger logger)
{
    private static readonly string[] TransientMarkers =
    [
        "Socket timed out", "Unexpected message received", "Transport endpoint is not connected",
        "Unable to contact slurm controller", "Connection refused", "Resource temporarily unavailable",
        "Failed to connect to schedd", "SECMAN:", "Zero Length Message",
    ];

    public int Attempts { get; init; } = 4;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public static bool IsTransient(string stderr) => TransientMarkers.Any(m => stderr.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs the command; with <paramref name="check"/>, a non-zero exit throws (after retries when transient).</summary>
    public async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, bool check, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await RunOnceAsync(program, arguments, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == 0 || !IsTransient(result.Stderr) || attempt >= Attempts)
            {
                if (check && result.ExitCode != 0)
                {
                    throw new SchedulerCommandException(
                        $"'{program} {string.Join(' ', arguments.Take(6))}{(arguments.Count > 6 ? " …" : "")}' exited {result.ExitCode}: {result.Stderr.Trim()}",
                        IsTransient(result.Stderr));
                }

                return result;
            }

            Logs.SchedulerCommandRetry(logger, program, attempt, result.Stderr.Trim());
            await Task.Delay(FirstDelay * attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<CommandResult> RunOnceAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new SchedulerCommandException($"Could not start '{program}'.", false);
        }
        catch (Win32Exception ex)
        {
            throw new SchedulerCommandException($"Could not start '{program}': {ex.Message}. Is it installed and on PATH?", false, ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
