namespace Nightshift.Durable;

/// <summary>A start request chose an instance id that is already taken.</summary>
public sealed class InstanceAlreadyExistsException : NightshiftException
{
    /// <summary>Creates the exception.</summary>
    public InstanceAlreadyExistsException(string instanceId, OrchestrationStatus status)
        : base($"Instance '{instanceId}' already exists with status {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The id that was taken.</summary>
    public string InstanceId { get; }

    /// <summary>The status of the existing instance.</summary>
    public OrchestrationStatus Status { get; }
}
