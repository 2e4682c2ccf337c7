using Nightshift.Activities.Facet;

namespace Nightshift.Workflows.Facet;

/// <summary>A direction's self-calibration: its cycles, why the loop stopped, and the verification.</summary>
public sealed record SelfcalResult(
    string Direction,
    IReadOnlyList<SelfcalCycleResult> Cycles,
    string StopReason,
    VerifyResult Verification)
{
    /// <summary>Whether verification passed (the direction is subtracted and uses its own solutions).</summary>
    public bool Passed => Verification.Passed;
}
