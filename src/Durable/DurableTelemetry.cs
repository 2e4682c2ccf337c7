using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Nightshift.Durable;

/// <summary>
/// The runtime's traces and metrics. A host exports them by subscribing to <see cref="SourceName"/>
/// (for example with OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>); nothing is recorded otherwise.
/// </summary>
public static class DurableTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter.</summary>
    public const string SourceName = "Nightshift.Durable";

    internal static readonly ActivitySource Source = new(SourceName);
    internal static readonly Meter Meter = new(SourceName);

    internal static readonly Counter<long> Episodes = Meter.CreateCounter<long>("nightshift.episodes", description: "Orchestration episodes committed");
    internal static readonly Histogram<double> EpisodeDuration = Meter.CreateHistogram<double>("nightshift.episode.duration", "ms", "Time from lock to commit of an episode");
    internal static readonly Counter<long> Replays = Meter.CreateCounter<long>("nightshift.replays", description: "Episodes that had to replay history because no live copy was cached");
    internal static readonly Counter<long> ActivitiesRun = Meter.CreateCounter<long>("nightshift.activities", description: "Activity executions, by outcome");
    internal static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram<double>("nightshift.activity.duration", "ms", "Activity run time");
}
