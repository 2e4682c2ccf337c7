using System.Diagnostics;
using System.Text;

namespace Nightshift.Host.Tests.Support;

/// <summary>A running nightshift process whose output is collected while it runs.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly string[] arguments;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    public ChildProcess(Process process, string[] arguments)
    {
        this.process = process;
        this.arguments = arguments;
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Sends a POSIX signal, as Ctrl+C (INT) or a service manager (TERM) would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync().ConfigureAwait(false);
        Assert.AreEqual(0, kill.ExitCode, $"kill -{signal} {process.Id} failed");
    }

    /// <summary>Waits for the process to end; kills it and fails the test after <paramref name="timeout"/>.</summary>
    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            throw new AssertFailedException($"nightshift {string.Join(' ', arguments)} did not exit within {timeout}.\n{Result()}");
        }

        // WaitForExitAsync returns once the output streams are drained too.
        return Result();
    }

    public CliResult Result()
    {
        lock (stdout)
        {
            lock (stderr)
            {
                return new CliResult(arguments, process.HasExited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
        }
    }
}
