namespace Nightshift.Activities.Facet;

/// <summary>Selfcal verification of one direction.</summary>
/// <param name="Passed">Whether the direction may be subtracted.</param>
/// <param name="PeakBefore">Peak |residual| in the calibrator region after subtracting the model with the direction-independent gains, Jy/beam.</param>
/// <param name="PeakAfter">The same after subtracting with the selfcal solutions.</param>
/// <param name="Reason">Why it failed, or null.</param>
/// <param name="Solutions">The direction's own solutions table.</param>
/// <param name="SolutionsChecksum">SHA-256 of <paramref name="Solutions"/>: later steps take it as input, so new solutions redo them.</param>
public sealed record VerifyResult(bool Passed, double PeakBefore, double PeakAfter, string? Reason, string Solutions, string SolutionsChecksum);
