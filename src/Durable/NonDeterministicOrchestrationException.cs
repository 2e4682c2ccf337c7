namespace Nightshift.Durable;

/// <summary>
/// Replay of an orchestration disagreed with its recorded history: the code was changed, or it depends on
/// something other than its input and history (a clock, a random number, a file).
/// </summary>
public sealed class NonDeterministicOrchestrationException : NightshiftException
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException(string message) : base(message) { }
}
