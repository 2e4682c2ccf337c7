using Microsoft.DurableTask;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>
/// facetimage: the working data (every passing direction subtracted) with this facet's own model added back, corrected
/// with the solutions of <see cref="ImageFacetInput.SolutionsFrom"/> and imaged at the facet's centre.
/// </summary>
internal sealed class ImageFacetActivity : TaskActivity<ImageFacetInput, FacetImageResult>
{
    public override Task<FacetImageResult> RunAsync(TaskActivityContext context, ImageFacetInput input)
    {
        var vis = FacetWorkspace.Load(input.WorkingDir);
        if (input.SubtractedModel is { } modelPath)
        {
            Predictor.AddBack(vis, Visibilities.Read(modelPath).Data);
        }

        StefCal.Correct(vis, GainTable.Read(input.Solutions).For(input.SolutionsFrom));
        var direction = input.Directions[FacetWorkspace.IndexOf(input.Directions, input.Direction)];
        var image = Imager.Dirty(vis, direction.RaDeg, direction.DecDeg, input.Settings.ImageSize, input.Settings.CellArcsec);
        image.Header.Set("DIRNAME", direction.Name, "facet");
        image.Header.Set("SOLFROM", input.SolutionsFrom, "direction whose solutions are applied");
        var dir = FacetWorkspace.ResultsDirectory(input.WorkingDir, "facetimage", input.Direction);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{input.Direction}.fits");
        FitsFile.Write(path, image, FitsDataType.Float32);
        var stats = ImageStatistics.Compute(image.Pixels);
        return Task.FromResult(new FacetImageResult(input.Direction, path, FacetWorkspace.Checksum(path), input.SolutionsFrom, stats.DynamicRange, stats.Rms, stats.Peak));
    }
}
