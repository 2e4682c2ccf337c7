namespace Nightshift.Activities.Jobs;

/// <summary>The outcome of deleting one job.</summary>
public enum JobDeletionResult
{
    /// <summary>The record, the outputs and the logs are gone; the step will submit the job again.</summary>
    Deleted,

    /// <summary>No job has that key.</summary>
    NotFound,

    /// <summary>The job has not ended; deleting it would leave a scheduler job nobody records.</summary>
    Active,

    /// <summary>A dry run: nothing was changed.</summary>
    WouldDelete,
}
