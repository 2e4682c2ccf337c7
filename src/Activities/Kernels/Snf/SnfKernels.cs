using Nightshift.Activities.Kernels.Common;

namespace Nightshift.Activities.Kernels.Snf;

/// <summary>Registers the SNfactory plan kernels (<c>snf.*</c>).</summary>
internal static class SnfKernels
{
    public static KernelRegistry AddSnf(this KernelRegistry registry)
        => registry
            .Add(new GenerateKernel())
            .Add(new FileQualityKernel())
            .Add(new CubeGenerationKernel())
            .Add(new ExtractStarKernel())
            .Add(new MultiStandardKernel())
            .Add(new PhotometricityKernel())
            .Add(new PhotometricRatiosKernel())
            .Add(new GsPsfKernel())
            .Add(new FluxSolutionKernel())
            .Add(new FluxCalibrationKernel())
            .Add(new CubefitKernel())
            .Add(new AnalyzeTimeseriesKernel());
}
