namespace Nightshift.Activities.Kernels.Snf;

/// <summary>file_quality's verdict on one raw frame: statistics and, for a bad frame, why.</summary>
internal sealed record FrameQuality(string Id, string Kind, string Object, double Bias, double OverscanNoise, double SaturatedFraction, double SignalMedian, bool Good, string? Reason);
