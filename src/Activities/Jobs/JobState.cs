namespace Nightshift.Activities.Jobs;

/// <summary>Where a job is; the states after <see cref="Held"/> are terminal and each is one failure class.</summary>
public enum JobState
{
    /// <summary>Recorded, waiting for the monitor to submit it.</summary>
    Pending,

    /// <summary>Being handed to the scheduler; a monitor that finds a job here after a crash looks it up by name.</summary>
    Submitting,

    /// <summary>Accepted by the scheduler, not yet running.</summary>
    Queued,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Held by the scheduler (HTCondor hold, SLURM user/admin hold); the reason says why.</summary>
    Held,

    /// <summary>Ended with exit code 0.</summary>
    Completed,

    /// <summary>Ended with a non-zero exit code or a signal.</summary>
    Failed,

    /// <summary>Killed at its wall-clock limit.</summary>
    Timeout,

    /// <summary>Killed for exceeding its memory.</summary>
    OutOfMemory,

    /// <summary>Cancelled by an operator or because its orchestration was terminated.</summary>
    Cancelled,

    /// <summary>The node it ran on failed.</summary>
    NodeFail,

    /// <summary>Preempted by the scheduler.</summary>
    Preempted,

    /// <summary>The scheduler no longer knows the job and no exit code was written.</summary>
    Lost,
}
