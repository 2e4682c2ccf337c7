namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// plan_cubefit: one host-galaxy model common to all epochs of a target, fitted jointly with the point source.
/// Each calibrated cube is modelled per wavelength bin as H·G(host, √(σg² + σ²)) + S_e·P(source, σ) + sky_e, where σ
/// is the epoch's PSF from gs_psf; H (the host spectrum) is shared by all epochs, S_e is zero on the final reference
/// (the supernova has faded), and the positions and σg are found by a simplex search with the amplitudes solved
/// linearly at each step. The cubes with the host and sky subtracted go to <c>targets/T/subcubes/</c>.
/// </summary>
internal sealed class CubefitKernel : SnfKernel
{
    private const int Side = SnfInstrument.Side;

    public override string Name => "snf.cubefit";

    public override string Description => "snf.cubefit --raw DIR --prod DIR --target T --nights N1,N2,...: host model common to all epochs, subtracted (targets/T/host.json, subcubes/)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var target = args.Text("target");
        var solution = SnfLayout.Read<TargetFluxSolution>(layout.FluxSolution(target));
        var psf = GuidePsf.Load(layout, args.List("nights"));
        var epochs = solution.Epochs;
        var cubes = epochs.Select(e => SnfCube.Read(Path.Combine(layout.CalibratedCubes(target), e.Id + ".fits"))).ToList();
        var sigmas = epochs.Select(e => GuidePsf.Find(psf, e.Id, layout)).Select(m => Enumerable.Range(0, SnfInstrument.Bins)
            .Select(b => SnfInstrument.Seeing(m.SigmaReference, SnfInstrument.Wavelength(b), m.Alpha)).ToArray()).ToList();
        var reference = epochs.ToList().FindIndex(e => e.Reference);
        var n = Side * Side;
        var e = epochs.Count;

        // Stacked data per bin: epoch after epoch.
        var data = Enumerable.Range(0, SnfInstrument.Bins).Select(b =>
        {
            var stacked = new double[e * n];
            for (var k = 0; k < e; k++)
            {
                Array.Copy(cubes[k].Slice(b), 0, stacked, k * n, n);
            }

            return stacked;
        }).ToArray();

        List<double[]> Columns(double[] p, int b)
        {
            var (sx, sy, gx, gy, gs) = (p[0], p[1], p[2], p[3], Math.Exp(p[4]));
            var host = new double[e * n];
            var columns = new List<double[]> { host };
            for (var k = 0; k < e; k++)
            {
                var sigma = sigmas[k][b];
                Array.Copy(Psf.Image(Side, gx, gy, Math.Sqrt((gs * gs) + (sigma * sigma))), 0, host, k * n, n);
                if (k != reference)
                {
                    var source = new double[e * n];
                    Array.Copy(Psf.Image(Side, sx, sy, sigma), 0, source, k * n, n);
                    columns.Add(source);
                }
            }

            for (var k = 0; k < e; k++)
            {
                var sky = new double[e * n];
                Array.Fill(sky, 1.0, k * n, n);
                columns.Add(sky);
            }

            return columns;
        }

        double Cost(double[] p)
        {
            if (p[4] is < -3 or > 1.5 || p.Take(4).Any(v => v is < -2 or > Side + 1))
            {
                return double.MaxValue;
            }

            var total = 0.0;
            for (var b = 0; b < SnfInstrument.Bins; b++)
            {
                total += SnfFit.Linear(Columns(p, b), data[b]).Rss;
            }

            return total;
        }

        var start = StartingPoint(cubes, reference);
        cancellationToken.ThrowIfCancellationRequested();
        var best = SnfFit.Simplex(Cost, start, [0.5, 0.5, 0.5, 0.5, 0.3]);
        var hostSpectrum = new double[SnfInstrument.Bins];
        var supernova = epochs.ToDictionary(x => x.Id, _ => new double[SnfInstrument.Bins], StringComparer.Ordinal);
        for (var b = 0; b < SnfInstrument.Bins; b++)
        {
            var columns = Columns(best, b);
            var coefficients = SnfFit.Linear(columns, data[b]).Coefficients;
            hostSpectrum[b] = coefficients[0];
            var c = 1;
            for (var k = 0; k < e; k++)
            {
                if (k != reference)
                {
                    supernova[epochs[k].Id][b] = coefficients[c++];
                }
            }

            // Subtract host and sky, keep the point source for extract_star.
            for (var k = 0; k < e; k++)
            {
                var skyLevel = coefficients[columns.Count - e + k];
                var slice = cubes[k].Slice(b);
                for (var s = 0; s < n; s++)
                {
                    slice[s] -= (coefficients[0] * columns[0][(k * n) + s]) + skyLevel;
                }

                cubes[k].SetSlice(b, slice);
            }
        }

        for (var k = 0; k < e; k++)
        {
            cubes[k].Header.AddHistory("snf.cubefit: host galaxy and sky subtracted");
            cubes[k].Write(Path.Combine(layout.SubtractedCubes(target), epochs[k].Id + ".fits"));
        }

        var chi2 = Cost(best);
        SnfLayout.Write(layout.HostModel(target), new HostModel(target, best[0], best[1], best[2], best[3], Math.Exp(best[4]), hostSpectrum, supernova, chi2));
        return $"target {target}: {e} epochs, source at ({best[0]:F2}, {best[1]:F2}), host at ({best[2]:F2}, {best[3]:F2}) σ {Math.Exp(best[4]):F2}";
    }

    /// <summary>Source at the peak of (brightest epoch − reference), host at the light-weighted centre of the reference.</summary>
    private static double[] StartingPoint(List<SnfCube> cubes, int reference)
    {
        var n = Side * Side;
        double[] White(SnfCube c)
        {
            var w = new double[n];
            for (var b = 0; b < SnfInstrument.Bins; b++)
            {
                var slice = c.Slice(b);
                for (var s = 0; s < n; s++)
                {
                    w[s] += slice[s];
                }
            }

            return w;
        }

        var referenceWhite = White(cubes[reference]);
        var brightest = cubes.Where((_, k) => k != reference).Select(White).MaxBy(w => w.Sum()) ?? referenceWhite;
        var difference = brightest.Select((v, s) => v - referenceWhite[s]).ToArray();
        var peak = Array.IndexOf(difference, difference.Max());
        var floor = SnfFit.Median(referenceWhite);
        double sum = 0, gx = 0, gy = 0;
        for (var s = 0; s < n; s++)
        {
            var w = Math.Max(referenceWhite[s] - floor, 0);
            sum += w;
            gx += w * (s % Side);
            gy += w * (s / Side);
        }

        return [peak % Side, peak / Side, sum > 0 ? gx / sum : Side / 2.0, sum > 0 ? gy / sum : Side / 2.0, Math.Log(1.2)];
    }
}
