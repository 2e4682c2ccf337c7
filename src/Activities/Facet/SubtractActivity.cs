using System.Numerics;
using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>
/// facetsub: subtracts a direction's model, corrupted by its selfcal solutions, from the working data, and keeps the
/// exact model subtracted (as an NSVIS001 file) so that a reset can add it back to float precision.
/// </summary>
internal sealed class SubtractActivity : TaskActivity<SubtractInput, SubtractResult>
{
    public override Task<SubtractResult> RunAsync(TaskActivityContext context, SubtractInput input)
    {
        var dir = FacetWorkspace.ResultsDirectory(input.WorkingDir, "facetsub", input.Direction);
        var modelPath = Path.Combine(dir, "subtracted_model.vis");
        var journal = FacetWorkspace.ReadJournal(input.WorkingDir);
        if (journal.TryGetValue(input.Direction, out var done))
        {
            if (done == input.SolutionsChecksum && File.Exists(modelPath))
            {
                // A second delivery of a subtraction that already happened: report it, change nothing.
                var rms = SubtractActivityRms(input.WorkingDir);
                return Task.FromResult(new SubtractResult(input.Direction, modelPath, rms, rms));
            }

            throw new InvalidOperationException(
                $"{FacetWorkspace.JournalPath(input.WorkingDir)}: {input.Direction} is already subtracted (solutions {done[..12]}); reset its facetsub first (nightshift reset PARSET -r {input.Direction} -o facetsub)");
        }

        var field = FieldState.Load(input.WorkingDir, input.InputDir, input.Directions, input.Settings);
        var d = field.IndexOf(input.Direction);
        var gains = GainTable.Read(input.Solutions).For(input.Direction);
        var model = field.With(StefCal.Corrupt(field.Vis, field.Model(d), gains));
        Directory.CreateDirectory(dir);
        // The model is stored at the precision of the data file, and that stored copy is what gets subtracted, so the
        // add-back of a reset restores exactly what was taken away.
        model.Write(modelPath);
        var stored = Visibilities.Read(modelPath);
        var before = Rms(field.Vis.Data);
        Predictor.Subtract(field.Vis, stored.Data);
        journal[input.Direction] = input.SolutionsChecksum;
        FacetWorkspace.Save(input.WorkingDir, field.Vis, journal);
        return Task.FromResult(new SubtractResult(input.Direction, modelPath, before, Rms(field.Vis.Data)));
    }

    private static double SubtractActivityRms(string workingDir) => Rms(FacetWorkspace.Load(workingDir).Data);

    internal static double Rms(Complex[] data) => Math.Sqrt(data.Average(v => (v.Real * v.Real) + (v.Imaginary * v.Imaginary)) / 2);
}
