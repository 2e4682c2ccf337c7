namespace Nightshift.Durable;

/// <summary>Helpers on <see cref="OrchestrationStatus"/>.</summary>
public static class OrchestrationStatusExtensions
{
    /// <summary>True for Completed, Failed and Terminated: no further episode will run.</summary>
    public static bool IsTerminal(this OrchestrationStatus status)
        => status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated;
}
