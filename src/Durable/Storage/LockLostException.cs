namespace Nightshift.Durable.Storage;

/// <summary>An episode tried to commit after its lock had expired and been taken by another worker.</summary>
internal sealed class LockLostException : NightshiftException
{
    public LockLostException(string instanceId)
        : base($"The lock on instance '{instanceId}' was lost before the episode committed; its work is discarded.")
    {
    }
}
