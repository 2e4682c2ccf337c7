namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// flux_solution's calibration of one epoch: counts per bin = Factor · flux (photons/s). Cloud is the grey
/// transmission from photometric ratios (1 on photometric nights).
/// </summary>
internal sealed record EpochCalibration(string Id, string Night, double Mjd, bool Photometric, bool Reference, double Airmass, double Cloud, double[] Factor);
