using Microsoft.DurableTask;

namespace Nightshift.Activities.Facet;

/// <summary>Reads the directions (or chooses them and writes <c>factor_directions.txt</c>) on every run, so edits are picked up.</summary>
internal sealed class ChooseDirectionsActivity : TaskActivity<ChooseDirectionsInput, DirectionsResult>
{
    public override Task<DirectionsResult> RunAsync(TaskActivityContext context, ChooseDirectionsInput input)
    {
        var vis = Kernels.Facet.Visibilities.Read(FacetWorkspace.ChunkFiles(input.WorkingDir)[0]);
        return Task.FromResult(FacetPlan.Directions(input, vis.RaDeg, vis.DecDeg, write: true));
    }
}
