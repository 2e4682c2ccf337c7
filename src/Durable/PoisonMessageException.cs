namespace Nightshift.Durable;

/// <summary>
/// Recorded as the failure of an instance or activity whose message was delivered more often than
/// <see cref="WorkerOptions.MaxDeliveryCount"/> without completing, e.g. because it crashes every worker that takes it.
/// </summary>
public sealed class PoisonMessageException : NightshiftException
{
    /// <summary>Creates the exception.</summary>
    public PoisonMessageException(string message) : base(message) { }
}
