using Microsoft.DurableTask;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>fieldmosaic: each pixel from its facet's image, divided by the primary beam.</summary>
internal sealed class MosaicActivity : TaskActivity<MosaicInput, MosaicResult>
{
    public override Task<MosaicResult> RunAsync(TaskActivityContext context, MosaicInput input)
    {
        var first = FitsFile.Read(input.Images[0].Image);
        var centre = FacetWorkspace.Load(input.WorkingDir);
        var layout = FacetWorkspace.Layout(centre, input.Directions, input.Settings.FacetingRadiusDeg);
        var images = input.Images.ToDictionary(i => i.Direction, i => i.Direction == input.Images[0].Direction ? first : FitsFile.Read(i.Image), StringComparer.Ordinal);
        var mosaic = Mosaic.Build(layout, images, new PrimaryBeam(input.Settings.BeamFwhmDeg), input.Settings.MosaicSize, input.Settings.CellArcsec);
        var dir = FacetWorkspace.ResultsDirectory(input.WorkingDir, "fieldmosaic", "field");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "mosaic.fits");
        FitsFile.Write(path, mosaic, FitsDataType.Float32);
        var stats = ImageStatistics.Compute(mosaic.Pixels);
        return Task.FromResult(new MosaicResult(path, stats.DynamicRange, stats.Rms, stats.Peak, images.Count));
    }
}
