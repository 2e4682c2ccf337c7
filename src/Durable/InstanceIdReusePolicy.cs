namespace Nightshift.Durable;

/// <summary>What starting an orchestration does when an instance with the chosen id already exists.</summary>
public enum InstanceIdReusePolicy
{
    /// <summary>Fail with <see cref="InstanceAlreadyExistsException"/>, whatever the existing instance's status.</summary>
    Throw,

    /// <summary>Replace the existing instance only if it has finished (completed, failed or terminated); otherwise fail.</summary>
    ReplaceIfTerminal,

    /// <summary>Leave the existing instance alone, running or not, and return its id: "start or attach".</summary>
    ReturnExisting,
}
