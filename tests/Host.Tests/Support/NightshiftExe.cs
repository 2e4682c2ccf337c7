using System.Diagnostics;

namespace Nightshift.Host.Tests.Support;

/// <summary>
/// Runs the real <c>nightshift</c> executable (copied next to the tests by the project reference) as a child
/// process with a clean environment: no NIGHTSHIFT_DB or OTEL_* leaks in from the machine running the tests.
/// </summary>
internal static class NightshiftExe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "nightshift.exe" : "nightshift");

    /// <summary>Runs nightshift to its end, failing the test if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(workingDirectory, arguments, environment);
        return await process.WaitAsync(timeout ?? DefaultTimeout).ConfigureAwait(false);
    }

    /// <summary>Starts nightshift in the background (a worker, or a run to interrupt).</summary>
    public static ChildProcess Start(string workingDirectory, IReadOnlyList<string> arguments, IDictionary<string, string>? environment = null)
    {
        // Through env(1), which restores the default action of SIGINT and SIGTERM and then execs nightshift (same
        // pid): a test run started in the background by a non-interactive shell inherits SIGINT as ignored, and .NET
        // keeps an inherited ignore, so the Ctrl+C tests would otherwise test the shell rather than nightshift.
        var info = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT,TERM");
        info.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k == "NIGHTSHIFT_DB" || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("nightshift did not start"), [.. arguments]);
    }
}
