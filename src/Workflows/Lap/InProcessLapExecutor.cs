using Nightshift.Activities.Lap;
using Nightshift.Durable;

namespace Nightshift.Workflows.Lap;

/// <summary>Runs each kernel as an activity in the worker's process; system faults are retried with durable timers.</summary>
internal sealed class InProcessLapExecutor(RetryPolicy retry) : ILapExecutor
{
    public Task<ExposureRecord> ChipAsync(OrchestrationContext context, ChipStepInput input) =>
        context.CallActivityAsync<ExposureRecord>(LapActivityNames.Chip, input, retry);

    public Task<ExposureRecord> WarpAsync(OrchestrationContext context, WarpStepInput input) =>
        context.CallActivityAsync<ExposureRecord>(LapActivityNames.Warp, input, retry);

    public Task<StackStepResult> StackAsync(OrchestrationContext context, StackStepInput input) =>
        context.CallActivityAsync<StackStepResult>(LapActivityNames.Stack, input, retry);

    public Task<DiffStepResult> DiffAsync(OrchestrationContext context, DiffStepInput input) =>
        context.CallActivityAsync<DiffStepResult>(LapActivityNames.Diff, input, retry);

    public Task<MagicStepResult> MagicAsync(OrchestrationContext context, MagicStepInput input) =>
        context.CallActivityAsync<MagicStepResult>(LapActivityNames.Magic, input, retry);
}
