using System.Globalization;
using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary><c>lap-chip --survey DIR --raw FILE --output BASE</c>: detrends one raw exposure with the survey's bias and flat.</summary>
internal sealed class ChipFileKernel : LapFileKernel
{
    public override string Name => ChipKernel.Name;

    protected override string Usage => "--survey DIR --raw FILE --output BASE";

    protected override string Summary => "detrend a raw exposure with the survey's bias and flat, mask bad pixels, subtract the background";

    protected override IReadOnlyCollection<string> Options => ["survey", "raw", "output"];

    /// <summary>The chip stage with the calibration frames of the survey in <paramref name="surveyDirectory"/>.</summary>
    public static ChipResult Run(string surveyDirectory, string rawPath, string outputBase)
    {
        var manifest = SurveyManifest.Load(surveyDirectory);
        return ChipKernel.Run(rawPath, manifest.Resolve(manifest.BiasPath), manifest.Resolve(manifest.FlatPath), outputBase);
    }

    protected override (object Result, string Line) Run(KernelArguments arguments)
    {
        var chip = Run(arguments.Required("survey"), arguments.Required("raw"), arguments.Required("output"));
        return (chip, string.Create(CultureInfo.InvariantCulture, $"{chip.Exposure} bad fraction {chip.BadFraction:F4}, PSF sigma {chip.PsfSigma:F2} px"));
    }
}
