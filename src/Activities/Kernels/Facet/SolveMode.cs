namespace Nightshift.Activities.Kernels.Facet;

/// <summary>What a gain solve may change.</summary>
public enum SolveMode
{
    /// <summary>Phases only; amplitudes stay 1 (the first selfcal cycles).</summary>
    PhaseOnly,

    /// <summary>Amplitudes and phases.</summary>
    AmplitudePhase,
}
