using Microsoft.DurableTask;
using Nightshift.Activities.Lap;

namespace Nightshift.Workflows.Lap;

/// <summary>Runs each kernel as an activity in the worker's process; system faults are retried with durable timers.</summary>
internal sealed class InProcessLapExecutor(TaskOptions retry) : ILapExecutor
{
    public Task<ExposureRecord> ChipAsync(TaskOrchestrationContext context, ChipStepInput input) =>
        context.CallActivityAsync<ExposureRecord>(LapActivityNames.Chip, input, retry);

    public Task<ExposureRecord> WarpAsync(TaskOrchestrationContext context, WarpStepInput input) =>
        context.CallActivityAsync<ExposureRecord>(LapActivityNames.Warp, input, retry);

    public Task<StackStepResult> StackAsync(TaskOrchestrationContext context, StackStepInput input) =>
        context.CallActivityAsync<StackStepResult>(LapActivityNames.Stack, input, retry);

    public Task<DiffStepResult> DiffAsync(TaskOrchestrationContext context, DiffStepInput input) =>
        context.CallActivityAsync<DiffStepResult>(LapActivityNames.Diff, input, retry);

    public Task<MagicStepResult> MagicAsync(TaskOrchestrationContext context, MagicStepInput input) =>
        context.CallActivityAsync<MagicStepResult>(LapActivityNames.Magic, input, retry);
}
