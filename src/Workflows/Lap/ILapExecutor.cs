using Nightshift.Activities.Lap;
using Nightshift.Durable;

namespace Nightshift.Workflows.Lap;

/// <summary>
/// Where the kernels of a run execute. The run orchestration calls kernels only through this, so a batch executor (each step
/// a SLURM job awaited through the job layer) replaces <see cref="InProcessLapExecutor"/> in <see cref="LapExecutors.For"/>.
/// A step fails with a <see cref="LapFaultException"/> class in its failure details whatever the executor.
/// </summary>
internal interface ILapExecutor
{
    Task<ExposureRecord> ChipAsync(OrchestrationContext context, ChipStepInput input);

    Task<ExposureRecord> WarpAsync(OrchestrationContext context, WarpStepInput input);

    Task<StackStepResult> StackAsync(OrchestrationContext context, StackStepInput input);

    Task<DiffStepResult> DiffAsync(OrchestrationContext context, DiffStepInput input);

    Task<MagicStepResult> MagicAsync(OrchestrationContext context, MagicStepInput input);
}
