using System.Globalization;
using System.Numerics;
using Microsoft.DurableTask;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>
/// One cycle of a direction's self-calibration. The direction is solved together with every direction still in the
/// data (its group and the ones not yet processed), each against its own model after the others are subtracted with
/// their current solutions, seeded from the previous cycle: solving it alone would let the unsubtracted bright sources
/// bias its gains. The cycle then images the direction (others subtracted, its solutions applied) and measures the
/// dynamic range the loop decides on. Cycle 0 is the uncalibrated image.
/// </summary>
internal sealed class SelfcalCycleActivity : TaskActivity<SelfcalCycleInput, SelfcalCycleResult>
{
    public override Task<SelfcalCycleResult> RunAsync(TaskActivityContext context, SelfcalCycleInput input)
    {
        var field = FieldState.Load(input.WorkingDir, input.InputDir, input.Directions, input.Settings);
        var d = field.IndexOf(input.Direction);
        var dir = FacetWorkspace.ResultsDirectory(input.WorkingDir, "facetselfcal", input.Direction);
        Directory.CreateDirectory(dir);
        var imagePath = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"image_cycle{input.Cycle:00}.fits"));

        Visibilities imaged;
        string? solutionsPath = null;
        if (input.Cycle == 0)
        {
            imaged = field.Vis;
        }
        else
        {
            var joint = input.Joint.Select(field.IndexOf).ToList();
            var seed = input.Seed is { } seedPath ? GainTable.Read(seedPath) : null;
            var solutions = new Dictionary<int, Complex[]>();
            foreach (var j in joint)
            {
                if (seed is not null && seed.Contains(input.Directions[j].Name))
                {
                    var g = (Complex[])seed.For(input.Directions[j].Name).Clone();
                    solutions[j] = input.Mode == SolveMode.PhaseOnly ? [.. g.Select(v => v.Magnitude > 0 ? v / v.Magnitude : Complex.One)] : g;
                }
            }

            for (var sweep = 0; sweep < input.Settings.SweepsPerCycle; sweep++)
            {
                // No cancellation here: on the SDK a throw would record the cycle as failed, and a worker that stops
                // lets a running cycle (seconds) finish, or leaves it to its lease for the next worker.
                foreach (var j in joint)
                {
                    var residual = field.Residual(solutions.Where(kv => kv.Key != j).Select(kv => (kv.Key, kv.Value)));
                    solutions[j] = StefCal.Solve(field.Vis, residual, field.Model(j), input.Mode, solutions.GetValueOrDefault(j));
                }
            }

            var table = new GainTable(field.Vis.TimeCount, field.Vis.AntennaCount);
            foreach (var j in joint)
            {
                table.Set(input.Directions[j].Name, solutions[j]);
            }

            solutionsPath = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"joint_cycle{input.Cycle:00}.csv"));
            table.Write(solutionsPath);
            imaged = field.With(field.Residual(solutions.Where(kv => kv.Key != d).Select(kv => (kv.Key, kv.Value))));
            StefCal.Correct(imaged, solutions[d]);
        }

        var direction = input.Directions[d];
        var image = Imager.Dirty(imaged, direction.RaDeg, direction.DecDeg, input.Settings.ImageSize, input.Settings.CellArcsec);
        image.Header.Set("DIRNAME", direction.Name, "calibration direction");
        image.Header.Set("SCCYCLE", input.Cycle, "selfcal cycle (0: uncalibrated)");
        FitsFile.Write(imagePath, image, FitsDataType.Float32);
        var stats = ImageStatistics.Compute(image.Pixels);
        return Task.FromResult(new SelfcalCycleResult(input.Cycle, input.Mode, stats.DynamicRange, stats.MinMaxRatio, stats.Rms, stats.Peak, solutionsPath, imagePath));
    }
}
