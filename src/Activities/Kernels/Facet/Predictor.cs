using System.Numerics;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Predicts model visibilities V_pq(t,ν) = Σ g_p g*_q · B(s) S · exp(−2πi b_pq·(s − s0) / λ), the exact form of
/// exp(−2πi (u l + v m + w (n − 1))), and subtracts or adds them back.
/// </summary>
public static class Predictor
{
    /// <summary>
    /// Model visibilities of <paramref name="sources"/> (attenuated by <paramref name="beam"/>) corrupted by
    /// <paramref name="gains"/> (indexed <c>time * antennas + antenna</c>; null for unity gains).
    /// </summary>
    public static Complex[] Predict(Visibilities vis, IEnumerable<SkySource> sources, PrimaryBeam beam, Complex[]? gains = null)
    {
        var model = new Complex[vis.Data.Length];
        var nant = vis.AntennaCount;
        var delays = new double[nant];
        var phasors = new Complex[nant];
        var list = sources.ToList();
        for (var t = 0; t < vis.TimeCount; t++)
        {
            var s0 = SkyGeometry.Direction(vis.RaDeg, vis.DecDeg, vis.Lst[t]);
            foreach (var source in list)
            {
                var flux = source.FluxJy * beam.Response(SkyGeometry.SeparationDeg(vis.RaDeg, vis.DecDeg, source.RaDeg, source.DecDeg));
                var s = SkyGeometry.Direction(source.RaDeg, source.DecDeg, vis.Lst[t]);
                for (var a = 0; a < nant; a++)
                {
                    var x = vis.AntennaXyz[a];
                    delays[a] = (x[0] * (s.X - s0.X)) + (x[1] * (s.Y - s0.Y)) + (x[2] * (s.Z - s0.Z));
                }

                for (var c = 0; c < vis.ChannelCount; c++)
                {
                    var k = 2 * Math.PI * vis.Frequencies[c] / SkyGeometry.SpeedOfLight;
                    for (var a = 0; a < nant; a++)
                    {
                        // Factorising the baseline phase per antenna costs one exponential per antenna, not per baseline.
                        var e = Complex.FromPolarCoordinates(1, -k * delays[a]);
                        phasors[a] = gains is null ? e : gains[(t * nant) + a] * e;
                    }

                    for (var b = 0; b < vis.BaselineCount; b++)
                    {
                        model[vis.Index(t, b, c)] += flux * phasors[vis.Antenna1[b]] * Complex.Conjugate(phasors[vis.Antenna2[b]]);
                    }
                }
            }
        }

        return model;
    }

    /// <summary>Subtracts <paramref name="model"/> from the data in place.</summary>
    public static void Subtract(Visibilities vis, Complex[] model)
    {
        for (var i = 0; i < model.Length; i++)
        {
            vis.Data[i] -= model[i];
        }
    }

    /// <summary>Adds <paramref name="model"/> back into the data in place: the undo of <see cref="Subtract"/>.</summary>
    public static void AddBack(Visibilities vis, Complex[] model)
    {
        for (var i = 0; i < model.Length; i++)
        {
            vis.Data[i] += model[i];
        }
    }
}
