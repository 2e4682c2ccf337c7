namespace Nightshift.Activities.Jobs;

/// <summary>Input of <see cref="RecordJobActivity"/>: one attempt of a job to put in the ledger as pending.</summary>
internal sealed record RecordJobRequest(string JobKey, string InstanceId, string Step, int Attempt, JobSpec Spec);
