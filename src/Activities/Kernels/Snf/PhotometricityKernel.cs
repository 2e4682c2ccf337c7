namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// tabPhotometricity: a night is photometric when all its standards fit one extinction law to within
/// <c>--max-rms</c> magnitudes (0.02 by default); grey clouds passing over make the standards scatter.
/// </summary>
internal sealed class PhotometricityKernel : SnfKernel
{
    public override string Name => "snf.photometricity";

    public override string Description => "snf.photometricity --raw DIR --prod DIR --night NIGHT [--max-rms MAG]: photometric flag (nights/NIGHT/photometricity.json)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var night = args.Text("night");
        var maxRms = args.Number("max-rms", 0.02);
        var solution = SnfLayout.Read<ExtinctionSolution>(layout.Extinction(night));
        var flag = new NightPhotometricity(night, solution.Rms <= maxRms, solution.Rms, maxRms, solution.Standards);
        SnfLayout.Write(layout.Photometricity(night), flag);
        return $"night {night}: {(flag.Photometric ? "photometric" : "NOT photometric")} (rms {solution.Rms:F4} mag, limit {maxRms})";
    }
}
