using Microsoft.DurableTask;
using Nightshift.Activities.Lap;

namespace Nightshift.Workflows.Lap;

/// <summary>
/// Where the kernels of a run execute. The run orchestration calls kernels only through this, so a batch executor (each step
/// a SLURM job awaited through the job layer) replaces <see cref="InProcessLapExecutor"/> in <see cref="LapExecutors.For"/>.
/// A step fails with a <see cref="TaskFailedException"/> whose details carry a <see cref="LapFaultException"/> class,
/// whatever the executor.
/// </summary>
internal interface ILapExecutor
{
    Task<ExposureRecord> ChipAsync(TaskOrchestrationContext context, ChipStepInput input);

    Task<ExposureRecord> WarpAsync(TaskOrchestrationContext context, WarpStepInput input);

    Task<StackStepResult> StackAsync(TaskOrchestrationContext context, StackStepInput input);

    Task<DiffStepResult> DiffAsync(TaskOrchestrationContext context, DiffStepInput input);

    Task<MagicStepResult> MagicAsync(TaskOrchestrationContext context, MagicStepInput input);
}
