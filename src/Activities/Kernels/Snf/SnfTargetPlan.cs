namespace Nightshift.Activities.Kernels.Snf;

/// <summary>The generator's plan for one target: its nights, supernova, host galaxy and field stars.</summary>
internal sealed record SnfTargetPlan(
    string Name,
    int[] Nights,
    int Reference,
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
    double[] FieldFlux,
    IReadOnlyList<FieldStar> Field)
{
    public string?[]? Bad { get; init; }

    public double Supernova(double lambda, double mjd)
    {
        var dt = (mjd - T0) / Width;
        return Amplitude * Math.Exp(-0.5 * dt * dt) * Math.Pow(lambda / 5000, Slope);
    }
}
