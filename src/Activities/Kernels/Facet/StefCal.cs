using System.Numerics;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// StEFCal (Salvini &amp; Wijnholds 2014): per time slot, the antenna gains g minimising
/// Σ_pq,ν |V_pq − g_p M_pq g*_q|² by alternating least squares, each antenna solved with the others held fixed and
/// every second iterate averaged with the previous one so the iteration cannot oscillate.
/// </summary>
public static class StefCal
{
    /// <summary>
    /// Solves the gains of every time slot of <paramref name="data"/> against <paramref name="model"/> (both laid out as
    /// <see cref="Visibilities.Data"/>). <paramref name="initial"/> (time * antennas + antenna) seeds the iteration.
    /// </summary>
    public static Complex[] Solve(Visibilities layout, Complex[] data, Complex[] model, SolveMode mode, Complex[]? initial = null, int maxIterations = 200, double tolerance = 1e-7)
    {
        var nant = layout.AntennaCount;
        var result = new Complex[layout.TimeCount * nant];
        var g = new Complex[nant];
        var next = new Complex[nant];
        var num = new Complex[nant];
        var den = new double[nant];
        for (var t = 0; t < layout.TimeCount; t++)
        {
            for (var a = 0; a < nant; a++)
            {
                g[a] = initial is null ? Complex.One : initial[(t * nant) + a];
            }

            for (var iteration = 1; iteration <= maxIterations; iteration++)
            {
                Array.Clear(num);
                Array.Clear(den);
                for (var b = 0; b < layout.BaselineCount; b++)
                {
                    var p = layout.Antenna1[b];
                    var q = layout.Antenna2[b];
                    for (var c = 0; c < layout.ChannelCount; c++)
                    {
                        var i = layout.Index(t, b, c);
                        var r = data[i];
                        var m = model[i];
                        var m2 = (m.Real * m.Real) + (m.Imaginary * m.Imaginary);
                        // V_pq ≈ g_p M_pq g*_q and V_qp = conj(V_pq): each baseline informs both of its antennas.
                        num[p] += r * Complex.Conjugate(m) * g[q];
                        den[p] += m2 * ((g[q].Real * g[q].Real) + (g[q].Imaginary * g[q].Imaginary));
                        num[q] += Complex.Conjugate(r) * m * g[p];
                        den[q] += m2 * ((g[p].Real * g[p].Real) + (g[p].Imaginary * g[p].Imaginary));
                    }
                }

                double change = 0;
                double norm = 0;
                for (var a = 0; a < nant; a++)
                {
                    var candidate = den[a] > 0 ? num[a] / den[a] : g[a];
                    if (iteration % 2 == 0)
                    {
                        candidate = (candidate + g[a]) / 2;
                    }

                    if (mode == SolveMode.PhaseOnly)
                    {
                        candidate = candidate.Magnitude > 0 ? candidate / candidate.Magnitude : Complex.One;
                    }

                    next[a] = candidate;
                    change += (candidate - g[a]).Magnitude * (candidate - g[a]).Magnitude;
                    norm += candidate.Magnitude * candidate.Magnitude;
                }

                (g, next) = (next, g);
                if (Math.Sqrt(change / Math.Max(norm, 1e-300)) < tolerance)
                {
                    break;
                }
            }

            Array.Copy(g, 0, result, t * nant, nant);
        }

        return result;
    }

    /// <summary>Model visibilities <paramref name="model"/> multiplied by g_p g*_q.</summary>
    public static Complex[] Corrupt(Visibilities layout, Complex[] model, Complex[] gains)
    {
        var result = new Complex[model.Length];
        Apply(layout, model, result, gains, invert: false);
        return result;
    }

    /// <summary>Applies solutions to the data in place: V_pq / (g_p g*_q), the calibrated visibilities of that direction.</summary>
    public static void Correct(Visibilities vis, Complex[] gains) => Apply(vis, vis.Data, vis.Data, gains, invert: true);

    private static void Apply(Visibilities layout, Complex[] source, Complex[] target, Complex[] gains, bool invert)
    {
        var nant = layout.AntennaCount;
        for (var t = 0; t < layout.TimeCount; t++)
        {
            for (var b = 0; b < layout.BaselineCount; b++)
            {
                var factor = gains[(t * nant) + layout.Antenna1[b]] * Complex.Conjugate(gains[(t * nant) + layout.Antenna2[b]]);
                if (invert)
                {
                    factor = factor.Magnitude > 0 ? 1 / factor : Complex.Zero;
                }

                for (var c = 0; c < layout.ChannelCount; c++)
                {
                    var i = layout.Index(t, b, c);
                    target[i] = source[i] * factor;
                }
            }
        }
    }
}
