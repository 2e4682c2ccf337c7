using Microsoft.DurableTask;

namespace Nightshift.Activities.Jobs;

/// <summary>
/// Records one attempt of a job as pending. Activities are delivered at least once, so the insert is keyed by the
/// job key and a second delivery changes nothing; the monitor does the submitting. The SDK's activity context carries
/// no cancellation token: the insert is one short statement, left to finish on shutdown.
/// </summary>
internal sealed class RecordJobActivity(JobLedger ledger, JobsOptions options, JobMonitorSignal signal, TimeProvider time) : TaskActivity<RecordJobRequest, string>
{
    public const string ActivityName = "nightshift.jobs.record";

    public override async Task<string> RunAsync(TaskActivityContext context, RecordJobRequest input)
    {
        var spec = input.Spec.Backend is null ? input.Spec with { Backend = options.DefaultBackend } : input.Spec;
        if (!options.Backends.Contains(spec.Backend!, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Job '{input.JobKey}': backend '{spec.Backend}' is not enabled (enabled: {string.Join(", ", options.Backends)}).");
        }

        JobCommandLine.Validate(spec, input.JobKey);
        await ledger.InsertPendingAsync(input.JobKey, input.InstanceId, input.Step, input.Attempt, spec, time.GetUtcNow().UtcDateTime, CancellationToken.None).ConfigureAwait(false);
        signal.Notify();
        return spec.Backend!;
    }
}
