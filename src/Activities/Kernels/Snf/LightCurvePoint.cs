namespace Nightshift.Activities.Kernels.Snf;

/// <summary>One epoch of a light curve: total flux over the spectrum and two synthetic bands (photons/s).</summary>
internal sealed record LightCurvePoint(string Night, double Mjd, bool Photometric, double Total, double Blue, double Red);
