using System.Diagnostics.Metrics;

namespace Nightshift.Activities.Jobs;

/// <summary>
/// Metrics of the job layer (meter <c>Nightshift.Jobs</c>), exported with the host's OpenTelemetry setup; the
/// benchmark reads them to check that each poll cycle costs one scheduler query.
/// </summary>
internal static class JobsTelemetry
{
    public const string MeterName = "Nightshift.Jobs";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Monitor cycles that polled a backend (tag <c>backend</c>).</summary>
    public static readonly Counter<long> Polls = Meter.CreateCounter<long>("nightshift.jobs.monitor.polls", description: "monitor cycles that polled the scheduler");

    /// <summary>Submissions (arrays, clusters, processes) handed to a scheduler (tag <c>backend</c>).</summary>
    public static readonly Counter<long> Submissions = Meter.CreateCounter<long>("nightshift.jobs.submissions", description: "scheduler submissions");

    /// <summary>Jobs that reached a terminal state (tags <c>backend</c>, <c>state</c>).</summary>
    public static readonly Counter<long> Ended = Meter.CreateCounter<long>("nightshift.jobs.ended", description: "jobs that ended");
}
