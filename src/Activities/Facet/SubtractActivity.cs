using System.Numerics;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Durable;

namespace Nightshift.Activities.Facet;

/// <summary>
/// facetsub: subtracts a direction's model, corrupted by its selfcal solutions, from the working data, and keeps the
/// exact model subtracted (as an NSVIS001 file) so that a reset can add it back to float precision.
/// </summary>
internal sealed class SubtractActivity : Activity<SubtractInput, SubtractResult>
{
    public override Task<SubtractResult> RunAsync(ActivityContext context, SubtractInput input)
    {
        var field = FieldState.Load(input.WorkingDir, input.InputDir, input.Directions, input.Settings);
        var d = field.IndexOf(input.Direction);
        var gains = GainTable.Read(input.Solutions).For(input.Direction);
        var model = field.With(StefCal.Corrupt(field.Vis, field.Model(d), gains));
        var dir = FacetWorkspace.ResultsDirectory(input.WorkingDir, "facetsub", input.Direction);
        Directory.CreateDirectory(dir);
        var modelPath = Path.Combine(dir, "subtracted_model.vis");
        // The model is stored at the precision of the data file, and that stored copy is what gets subtracted, so the
        // add-back of a reset restores exactly what was taken away.
        model.Write(modelPath);
        var stored = Visibilities.Read(modelPath);
        var before = Rms(field.Vis.Data);
        Predictor.Subtract(field.Vis, stored.Data);
        FacetWorkspace.Save(input.WorkingDir, field.Vis);
        return Task.FromResult(new SubtractResult(input.Direction, modelPath, before, Rms(field.Vis.Data)));
    }

    internal static double Rms(Complex[] data) => Math.Sqrt(data.Average(v => (v.Real * v.Real) + (v.Imaginary * v.Imaginary)) / 2);
}
