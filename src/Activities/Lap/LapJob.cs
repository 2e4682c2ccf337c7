using System.Globalization;
using System.Text.Json;
using Nightshift.Activities.Jobs;

namespace Nightshift.Activities.Lap;

/// <summary>
/// A LAP kernel that ran as a batch job (<c>nightshift kernel lap-…</c>): how the job ended and the JSON file its kernel
/// wrote. The step that records the result reads it through <see cref="Read{T}"/>, which turns a failed job back into the
/// fault class the in-process kernel would have raised, so the run handles faults the same way under either executor.
/// </summary>
/// <param name="Outcome">The job's outcome, as the job monitor reported it.</param>
/// <param name="ResultPath">The kernel's <c>--result</c> file.</param>
public sealed record LapJob(JobOutcome Outcome, string ResultPath)
{
    /// <summary>A kernel that fails with fault class N exits with this plus N (2 stays the usage error of every command).</summary>
    public const int FaultExitBase = 10;

    /// <summary>The exit code of a kernel that failed with <paramref name="fault"/>.</summary>
    public static int ExitCodeFor(int fault) => FaultExitBase + fault;

    /// <summary>The fault class of a job that did not complete.</summary>
    public static int FaultOf(JobOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.State switch
        {
            JobState.Completed => LapFault.None,
            JobState.Failed when outcome.ExitCode is { } code && code > FaultExitBase && code < FaultExitBase + 10 => code - FaultExitBase,
            JobState.Failed when outcome.ExitCode == 2 => LapFault.Config,
            JobState.Failed => LapFault.Programming,
            JobState.Timeout => LapFault.Timeout,
            // An operator cancelled it: wait for their revert rather than resubmitting behind their back.
            JobState.Cancelled => LapFault.Config,
            // Out of memory, node failure, preemption, lost: the node's fault, not the data's; retried automatically.
            _ => LapFault.System,
        };
    }

    /// <summary>The kernel's result; throws a <see cref="LapFaultException"/> naming the job when it failed or wrote nothing.</summary>
    public T Read<T>()
    {
        var key = $"job '{Outcome.JobKey}' ({Outcome.Backend} {Outcome.SchedulerId})";
        if (!Outcome.Succeeded)
        {
            var exit = Outcome.ExitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $", exit code {code}") : "";
            var last = Outcome.StderrTail?.Trim().Split('\n')[^1].Trim();
            throw new LapFaultException(FaultOf(Outcome), $"{key} ended {Outcome.State}{exit}{(string.IsNullOrEmpty(last) ? "" : ": " + last)}");
        }

        if (!File.Exists(ResultPath))
        {
            throw new LapFaultException(LapFault.System, $"{key} completed but its result file '{ResultPath}' is missing");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(ResultPath), LapKernelJson.Options)
                ?? throw new LapFaultException(LapFault.Data, $"{key}: result file '{ResultPath}' holds null");
        }
        catch (JsonException e)
        {
            throw new LapFaultException(LapFault.Data, $"{key}: result file '{ResultPath}' is not a valid result: {e.Message}", e);
        }
    }
}
