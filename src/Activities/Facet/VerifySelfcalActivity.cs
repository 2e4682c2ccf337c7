using System.Globalization;
using System.Numerics;
using Microsoft.DurableTask;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>
/// Factor's verification: image the residual of the calibrator region after the direction's model is subtracted with
/// its selfcal solutions, and compare with the residual after subtraction with the direction-independent gains alone.
/// The peak must stay below <see cref="FacetSettings.VerifyPeakResidualJy"/> and must not grow beyond
/// <see cref="FacetSettings.VerifyMaxGrowth"/> times the one before. Writes the direction's own solutions table.
/// </summary>
internal sealed class VerifySelfcalActivity : TaskActivity<VerifyInput, VerifyResult>
{
    public override Task<VerifyResult> RunAsync(TaskActivityContext context, VerifyInput input)
    {
        var field = FieldState.Load(input.WorkingDir, input.InputDir, input.Directions, input.Settings);
        var d = field.IndexOf(input.Direction);
        var direction = input.Directions[d];
        var joint = GainTable.Read(input.Solutions);
        var own = joint.For(input.Direction);
        var radiusPixels = input.Settings.CalRadiusDeg * 3600 / input.Settings.CellArcsec;

        var after = field.With(field.Residual(input.Joint.Select(field.IndexOf).Select(j => (j, joint.For(input.Directions[j].Name)))));
        StefCal.Correct(after, own);
        var afterImage = Imager.Dirty(after, direction.RaDeg, direction.DecDeg, input.Settings.ImageSize, input.Settings.CellArcsec);

        var diPath = Path.Combine(input.WorkingDir, FieldSimulator.DiTableFile);
        var di = File.Exists(diPath) ? FacetWorkspace.ReadDiGains(diPath, field.Vis.AntennaCount) : Enumerable.Repeat(Complex.One, field.Vis.AntennaCount).ToArray();
        var diGains = new Complex[field.Vis.TimeCount * field.Vis.AntennaCount];
        for (var i = 0; i < diGains.Length; i++)
        {
            diGains[i] = di[i % field.Vis.AntennaCount];
        }

        var before = field.With(field.Residual([(d, diGains)]));
        var beforeImage = Imager.Dirty(before, direction.RaDeg, direction.DecDeg, input.Settings.ImageSize, input.Settings.CellArcsec);

        var peakAfter = FacetWorkspace.CentralPeak(afterImage, radiusPixels);
        var peakBefore = FacetWorkspace.CentralPeak(beforeImage, radiusPixels);
        string? reason = null;
        if (!(peakAfter <= input.Settings.VerifyPeakResidualJy))
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"peak residual {peakAfter:F3} Jy/beam after subtraction exceeds the limit of {input.Settings.VerifyPeakResidualJy:F3}");
        }
        else if (peakAfter > input.Settings.VerifyMaxGrowth * peakBefore)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"peak residual grew from {peakBefore:F3} to {peakAfter:F3} Jy/beam (more than {input.Settings.VerifyMaxGrowth}x)");
        }

        var dir = FacetWorkspace.ResultsDirectory(input.WorkingDir, "facetselfcal", input.Direction);
        Directory.CreateDirectory(dir);
        FitsFile.Write(Path.Combine(dir, "verify_residual.fits"), afterImage, FitsDataType.Float32);
        var table = new GainTable(field.Vis.TimeCount, field.Vis.AntennaCount);
        table.Set(input.Direction, own);
        var solutions = Path.Combine(dir, "solutions.csv");
        table.Write(solutions);
        return Task.FromResult(new VerifyResult(reason is null, peakBefore, peakAfter, reason, solutions, FacetWorkspace.Checksum(solutions)));
    }
}
