namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// A streak found in a difference: the line x·cos θ + y·sin θ = ρ in 0-based skycell pixels, the sign of its flux
/// (+1: in the science warp, −1: in the template) and the sky positions of the ends of the voting pixels.
/// </summary>
/// <param name="Rho">ρ, pixels.</param>
/// <param name="ThetaDeg">θ, degrees in [0, 180).</param>
/// <param name="Votes">Voting pixels on the line.</param>
/// <param name="Length">Span of the voting pixels along the line, pixels.</param>
/// <param name="Sign">+1 science, −1 template.</param>
/// <param name="HalfWidth">Half-width of the masked band, pixels.</param>
/// <param name="Ra1Deg">One end, right ascension.</param>
/// <param name="Dec1Deg">One end, declination.</param>
/// <param name="Ra2Deg">Other end, right ascension.</param>
/// <param name="Dec2Deg">Other end, declination.</param>
public sealed record StreakLine(
    double Rho, double ThetaDeg, int Votes, double Length, int Sign, double HalfWidth, double Ra1Deg, double Dec1Deg, double Ra2Deg, double Dec2Deg)
{
    /// <summary>Distance of the 0-based pixel (x, y) from the line.</summary>
    public double DistanceTo(double x, double y)
    {
        var theta = ThetaDeg * Math.PI / 180;
        return Math.Abs((x * Math.Cos(theta)) + (y * Math.Sin(theta)) - Rho);
    }
}
