using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Nightshift.Host.Telemetry;

/// <summary>The launcher's own traces and metrics: one span per command, and counts and durations of runs.</summary>
internal static class HostTelemetry
{
    public const string SourceName = "Nightshift.Host";

    public static readonly ActivitySource Source = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    public static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "nightshift.host.runs", description: "Runs followed to their end by 'nightshift run', by pipeline and final status");

    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "nightshift.host.run.duration", "s", "Creation to end of runs followed by 'nightshift run'");
}
