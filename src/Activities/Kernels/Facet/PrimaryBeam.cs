namespace Nightshift.Activities.Kernels.Facet;

/// <summary>A circular Gaussian primary beam centred on the field centre.</summary>
/// <param name="FwhmDeg">Full width at half maximum, degrees.</param>
public sealed record PrimaryBeam(double FwhmDeg)
{
    /// <summary>The power response at <paramref name="separationDeg"/> from the pointing centre (1 on axis).</summary>
    public double Response(double separationDeg)
    {
        var sigma = FwhmDeg / (2 * Math.Sqrt(2 * Math.Log(2)));
        return Math.Exp(-separationDeg * separationDeg / (2 * sigma * sigma));
    }
}
