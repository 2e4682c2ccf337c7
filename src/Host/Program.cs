using Nightshift.Host.Cli;
using Nightshift.Host.Telemetry;

namespace Nightshift.Host;

/// <summary>The <c>nightshift</c> executable.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var telemetry = TelemetryExport.FromEnvironment();
        return await NightshiftCommandLine.InvokeAsync(args).ConfigureAwait(false);
    }
}
