namespace Nightshift.Activities.Kernels.Snf;

/// <summary>plan_flux_calibration: every good cube of a target divided by its epoch's calibration, into photons/s per bin.</summary>
internal sealed class FluxCalibrationKernel : SnfKernel
{
    public override string Name => "snf.flux_calibration";

    public override string Description => "snf.flux_calibration --raw DIR --prod DIR --target T: calibrated cubes (targets/T/calcubes/)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var target = args.Text("target");
        var solution = SnfLayout.Read<TargetFluxSolution>(layout.FluxSolution(target));
        foreach (var epoch in solution.Epochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cube = SnfCube.Read(layout.Cube(epoch.Night, epoch.Id));
            for (var b = 0; b < SnfInstrument.Bins; b++)
            {
                cube.SetSlice(b, cube.Slice(b).Select(v => v / epoch.Factor[b]).ToArray());
            }

            cube.Header.Set("PHOTOM", epoch.Photometric, "night was photometric");
            cube.Header.Set("CLOUD", epoch.Cloud, "grey transmission from photometric ratios");
            cube.Header.Set("BUNIT", "photon/s");
            cube.Write(Path.Combine(layout.CalibratedCubes(target), epoch.Id + ".fits"));
        }

        return $"target {target}: {solution.Epochs.Count} cubes calibrated";
    }
}
