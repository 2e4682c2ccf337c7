using Nightshift.Durable;

namespace Nightshift.Activities.Jobs;

/// <summary>A job ended in a failure class that its retry policy does not retry (or retries ran out).</summary>
public sealed class JobFailedException : NightshiftException
{
    /// <summary>Creates the exception for the last attempt's outcome.</summary>
    public JobFailedException(JobOutcome outcome)
        : base(Describe(outcome))
    {
        Outcome = outcome;
    }

    /// <summary>The key of the last attempt.</summary>
    public string JobKey => Outcome.JobKey;

    /// <summary>The failure class of the last attempt.</summary>
    public JobState FailureClass => Outcome.State;

    /// <summary>The last attempt's outcome, with its exit code and log tails.</summary>
    public JobOutcome Outcome { get; }

    private static string Describe(JobOutcome o)
    {
        var text = $"Job '{o.JobKey}' ({o.Backend} {o.SchedulerId}) ended {o.State}";
        if (o.ExitCode is { } code)
        {
            text += $", exit code {code}";
        }

        if (o.Signal is { } signal)
        {
            text += $", signal {signal}";
        }

        if (!string.IsNullOrEmpty(o.Reason))
        {
            text += $", reason {o.Reason}";
        }

        if (!string.IsNullOrWhiteSpace(o.StderrTail))
        {
            text += $"; stderr ends: {o.StderrTail.Trim()}";
        }

        return text;
    }
}
