namespace Nightshift.Activities.Kernels.Snf;

/// <summary><c>RAW/NIGHT/night.json</c>: what the telescope took that night.</summary>
internal sealed record NightLog(string Night, double Mjd, IReadOnlyList<ExposureLog> Exposures);
