using System.Globalization;
using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary><c>lap-warp --survey DIR --chip IMAGE --output DIR</c>: warps one chip onto every skycell of the survey it covers.</summary>
internal sealed class WarpFileKernel : LapFileKernel
{
    public override string Name => WarpKernel.Name;

    protected override string Usage => "--survey DIR --chip IMAGE --output DIR";

    protected override string Summary => "resample a chip onto every skycell of the survey's tessellation that it covers";

    protected override IReadOnlyCollection<string> Options => ["survey", "chip", "output"];

    /// <summary>
    /// The warp stage onto every skycell of the tessellation (not only one run's cell), so that the warps serve every run of
    /// the sequence that selects the exposure.
    /// </summary>
    public static WarpResult Run(string surveyDirectory, ImageProduct chip, string outputDirectory)
    {
        var manifest = SurveyManifest.Load(surveyDirectory);
        return WarpKernel.Run(chip, [.. manifest.ProjectionCells.SelectMany(c => c.Skycells)], outputDirectory);
    }

    protected override void Validate(KernelArguments arguments) => Product(arguments.Required("chip"));

    protected override (object Result, string Line) Run(KernelArguments arguments)
    {
        var warp = Run(arguments.Required("survey"), Product(arguments.Required("chip")), arguments.Required("output"));
        return (warp, string.Create(CultureInfo.InvariantCulture, $"{warp.Exposure} onto {warp.Warps.Count} skycells, bad fraction {warp.BadFraction:F4}"));
    }
}
