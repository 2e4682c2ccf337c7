namespace Nightshift.Activities.Kernels.Snf;

/// <summary>A night's atmosphere: photometric or not, and its grey extinction (mag per airmass).</summary>
internal sealed record NightTruth(string Night, double Mjd, bool Photometric, double Grey, IReadOnlyList<ExposureTruth> Exposures);
