namespace Nightshift.Activities.Jobs;

/// <summary>
/// Jobs handed to a scheduler in one command (a SLURM job array, an HTCondor cluster). They share the resources
/// of <see cref="Spec"/>; each member runs its own words. <see cref="Name"/> is written to the ledger before the
/// submit, so a monitor that crashed in between can find the submission by name.
/// </summary>
internal sealed record JobBatch(string Name, string Directory, JobSpec Spec, IReadOnlyList<JobBatchMember> Members);
