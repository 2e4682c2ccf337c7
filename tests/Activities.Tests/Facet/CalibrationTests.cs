using System.Numerics;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Tests.Facet;

[TestClass]
public sealed class CalibrationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Amplitude_phase_solutions_match_the_true_gains_within_2_degrees_rms_on_every_calibrator()
    {
        var s = FacetScenario.Instance;
        foreach (var cal in s.Field.Calibrators)
        {
            var errors = DirectionSolver.PhaseErrorsDeg(s.Solutions.For(cal.Name), s.Field.TrueGains.For(cal.Name), s.Field.Data.AntennaCount);
            var rms = Math.Sqrt(errors.Average(e => e * e));
            TestContext.WriteLine($"{cal.Name} ({cal.FluxJy:F1} Jy): phase error rms {rms:F3} deg");
            Assert.IsLessThan(2.0, rms, cal.Name);
        }
    }

    [TestMethod]
    public void Phase_only_solutions_match_the_true_phases_within_2_degrees_rms_when_amplitudes_are_stable()
    {
        // Phase-only cycles come first in selfcal, while amplitudes are still taken as 1: simulate that regime.
        var field = FieldSimulator.Simulate(new SimulationOptions { Seed = 7, AmplitudeScatter = 0, AmplitudeStep = 0 });
        var layout = new FacetLayout(field.Calibrators, field.Data.RaDeg, field.Data.DecDeg, FacetScenario.FacetingRadiusDeg);
        var models = DirectionSolver.Models(field.Data, layout, field.Sky, field.Beam);
        var phaseOnly = DirectionSolver.SolveAll(field.Data, layout, models, SolveMode.PhaseOnly);
        foreach (var cal in field.Calibrators)
        {
            var solved = phaseOnly.For(cal.Name);
            Assert.IsTrue(solved.All(g => Math.Abs(g.Magnitude - 1) < 1e-9), "phase-only solutions have unit amplitude");
            var errors = DirectionSolver.PhaseErrorsDeg(solved, field.TrueGains.For(cal.Name), field.Data.AntennaCount);
            var rms = Math.Sqrt(errors.Average(e => e * e));
            TestContext.WriteLine($"{cal.Name} ({cal.FluxJy:F1} Jy): phase-only error rms {rms:F3} deg");
            Assert.IsLessThan(2.0, rms, cal.Name);
        }
    }

    [TestMethod]
    public void Residual_after_subtracting_every_calibrated_direction_is_within_1_2_times_the_noise()
    {
        var s = FacetScenario.Instance;
        var work = s.Field.Data.Clone();
        var before = Rms(work.Data);
        for (var d = 0; d < s.Layout.Directions.Count; d++)
        {
            Predictor.Subtract(work, StefCal.Corrupt(work, s.Models[d], s.Solutions.For(s.Layout.Directions[d].Name)));
            TestContext.WriteLine($"after subtracting {s.Layout.Directions[d].Name}: rms {Rms(work.Data):F4} Jy");
        }

        var ratio = Rms(work.Data) / s.Field.NoiseSigmaJy;
        TestContext.WriteLine($"rms before {before:F3} Jy, residual/noise {ratio:F4}");
        Assert.IsLessThanOrEqualTo(1.2, ratio);
        Assert.IsGreaterThan(0.85, ratio, "the noise itself cannot be subtracted");
    }

    [TestMethod]
    public void Subtract_then_add_back_through_files_restores_the_data_to_float_tolerance()
    {
        var s = FacetScenario.Instance;
        var dir = TestDirs.New("addback");
        var path = Path.Combine(dir, FieldSimulator.DataFile);
        s.Field.Data.Write(path);
        var original = Visibilities.Read(path);
        var name = s.Layout.Directions[0].Name;
        var model = StefCal.Corrupt(original, s.Models[0], s.Solutions.For(name));

        var work = Visibilities.Read(path);
        Predictor.Subtract(work, model);
        work.Write(path);
        var subtracted = Visibilities.Read(path);
        Assert.IsGreaterThan(1.0, MaxDifference(subtracted.Data, original.Data), "the subtraction changed the data");
        Predictor.AddBack(subtracted, model);

        var maxAbs = original.Data.Max(v => v.Magnitude);
        var error = MaxDifference(subtracted.Data, original.Data);
        TestContext.WriteLine($"max |restored - original| = {error:E2} (max |V| = {maxAbs:F1})");
        Assert.IsLessThan(1e-5 * maxAbs, error);
    }

    internal static double Rms(Complex[] data) => Math.Sqrt(data.Average(v => (v.Real * v.Real) + (v.Imaginary * v.Imaginary)) / 2);

    private static double MaxDifference(Complex[] a, Complex[] b) => a.Zip(b, (x, y) => (x - y).Magnitude).Max();
}
