namespace Nightshift.Activities.Kernels.Snf;

/// <summary><c>targets/T/lightcurve.json</c>: analyze_timeseries' light curve and fitted maximum of a target.</summary>
internal sealed record LightCurve(string Target, IReadOnlyList<LightCurvePoint> Points, double PeakMjd, double PeakFlux, double Width);
