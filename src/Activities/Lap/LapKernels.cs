using Nightshift.Activities.Kernels.Common;

namespace Nightshift.Activities.Lap;

/// <summary>The LAP kernels that batch jobs run on a node (<c>nightshift kernel lap-chip …</c>).</summary>
public static class LapKernels
{
    /// <summary>Adds lap-chip, lap-warp, lap-stack, lap-diff and lap-magic.</summary>
    public static KernelRegistry AddLapKernels(this KernelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new ChipFileKernel()).Add(new WarpFileKernel()).Add(new StackFileKernel()).Add(new DiffFileKernel()).Add(new MagicFileKernel());
    }
}
