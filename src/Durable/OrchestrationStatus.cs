namespace Nightshift.Durable;

/// <summary>Where an orchestration instance stands. Stored by name in the <c>instances</c> table.</summary>
public enum OrchestrationStatus
{
    /// <summary>Created; no episode has run yet.</summary>
    Pending,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Paused by an operator; messages wait until it is resumed.</summary>
    Suspended,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished with a failure.</summary>
    Failed,

    /// <summary>Stopped by an operator.</summary>
    Terminated,
}
