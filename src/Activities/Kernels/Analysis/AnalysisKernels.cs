using Nightshift.Activities.Kernels.Common;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>Registers the chunked-analysis kernels.</summary>
public static class AnalysisKernels
{
    /// <summary>Adds <c>analysis-chunk</c>.</summary>
    public static KernelRegistry AddAnalysisKernels(this KernelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new AnalysisChunkKernel());
    }
}
