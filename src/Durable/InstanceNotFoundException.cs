namespace Nightshift.Durable;

/// <summary>A client operation named an instance that does not exist.</summary>
public sealed class InstanceNotFoundException : NightshiftException
{
    /// <summary>Creates the exception.</summary>
    public InstanceNotFoundException(string instanceId)
        : base($"No instance '{instanceId}' in this store.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The id that was not found.</summary>
    public string InstanceId { get; }
}
