namespace Nightshift.Activities.Kernels.Snf;

/// <summary>A target's supernova (Gaussian light curve around T0), host galaxy and epochs.</summary>
internal sealed record TargetTruth(
    string Name,
    double T0,
    double Width,
    double Amplitude,
    double Slope,
    double SourceX,
    double SourceY,
    double HostX,
    double HostY,
    double HostSigma,
    double HostAmplitude,
    double HostSlope,
    IReadOnlyList<EpochTruth> Epochs);
