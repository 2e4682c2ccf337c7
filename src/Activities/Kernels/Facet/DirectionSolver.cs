using System.Numerics;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Per-direction calibration of a whole field: each direction is solved with StEFCal against its own model after the
/// other directions, with their current solutions, have been subtracted. Directions go brightest first and the sweep is
/// repeated, because the first solve of a bright direction still sees the unsubtracted others; the errors shrink by a
/// roughly constant factor per sweep, and ten sweeps reach the noise on the test fields.
/// </summary>
public static class DirectionSolver
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "facet-solve";

    /// <summary>Unit-gain model visibilities of every direction of <paramref name="layout"/> (the sources it owns).</summary>
    public static Complex[][] Models(Visibilities vis, FacetLayout layout, IReadOnlyList<SkySource> sky, PrimaryBeam beam) =>
        [.. Enumerable.Range(0, layout.Directions.Count).Select(d => Predictor.Predict(vis, layout.SourcesOf(d, sky), beam))];

    /// <summary>Solves every direction; returns a table keyed by direction name.</summary>
    public static GainTable SolveAll(Visibilities vis, FacetLayout layout, Complex[][] models, SolveMode mode, int sweeps = 10)
    {
        var table = new GainTable(vis.TimeCount, vis.AntennaCount);
        var solved = new Complex[layout.Directions.Count][];
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            for (var d = 0; d < layout.Directions.Count; d++)
            {
                var residual = (Complex[])vis.Data.Clone();
                for (var e = 0; e < layout.Directions.Count; e++)
                {
                    if (e != d && solved[e] is { } other)
                    {
                        var corrupted = StefCal.Corrupt(vis, models[e], other);
                        for (var i = 0; i < residual.Length; i++)
                        {
                            residual[i] -= corrupted[i];
                        }
                    }
                }

                solved[d] = StefCal.Solve(vis, residual, models[d], mode, solved[d]);
            }
        }

        for (var d = 0; d < layout.Directions.Count; d++)
        {
            table.Set(layout.Directions[d].Name, solved[d]);
        }

        return table;
    }

    /// <summary>
    /// Phase differences in degrees between solved and true gains, each referenced to antenna
    /// <paramref name="reference"/> so the arbitrary common phase of a solution does not count.
    /// </summary>
    public static IReadOnlyList<double> PhaseErrorsDeg(Complex[] solved, Complex[] truth, int antennas, int reference = 0)
    {
        var errors = new List<double>();
        for (var t = 0; t < solved.Length / antennas; t++)
        {
            var rs = Complex.Conjugate(solved[(t * antennas) + reference]);
            var rt = Complex.Conjugate(truth[(t * antennas) + reference]);
            for (var a = 0; a < antennas; a++)
            {
                if (a == reference)
                {
                    continue;
                }

                var s = solved[(t * antennas) + a] * rs;
                var u = truth[(t * antennas) + a] * rt;
                errors.Add((s * Complex.Conjugate(u)).Phase / SkyGeometry.Deg);
            }
        }

        return errors;
    }
}
