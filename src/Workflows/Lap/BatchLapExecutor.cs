using Microsoft.DurableTask;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Workflows.Lap;

/// <summary>
/// Runs each kernel as a batch job (<c>nightshift kernel lap-… --result FILE</c>) through the job layer on
/// <paramref name="backend"/> (slurm, or local processes), then records the job's result with the same activity, ledger
/// rows and fault classes as <see cref="InProcessLapExecutor"/>, so both give the same products and catalogues. A system
/// fault (the job's node failed, it ran out of memory, the kernel hit an I/O error) submits a new job after a durable
/// delay, as the in-process executor retries its activity; scheduler-level losses are first retried by the job layer.
/// </summary>
internal sealed class BatchLapExecutor(LapConfig config, string backend) : ILapExecutor
{
    // Job step names must be unique in the run's instance: the n-th job of one step gets the suffix -n. Orchestration
    // state, rebuilt identically on replay.
    private readonly Dictionary<string, int> jobs = new(StringComparer.Ordinal);

    public Task<ExposureRecord> ChipAsync(TaskOrchestrationContext context, ChipStepInput input)
    {
        var step = input.Step;
        var output = step.ChipBase(input.Name);
        return RunAsync<ExposureRecord>(context, step, $"chip-{input.Name}", LapActivityNames.Chip, ChipKernel.Name,
            ["--survey", step.SurveyDirectory, "--raw", input.RawPath, "--output", output], ImageProduct.ForBase(output).Files,
            job => input with { Job = job });
    }

    public Task<ExposureRecord> WarpAsync(TaskOrchestrationContext context, WarpStepInput input)
    {
        var step = input.Step;
        var output = step.WarpDirectory(input.Chip.Name);
        return RunAsync<ExposureRecord>(context, step, $"warp-{input.Chip.Name}", LapActivityNames.Warp, WarpKernel.Name,
            ["--survey", step.SurveyDirectory, "--chip", input.Chip.Chip.Image, "--output", output], [output],
            job => input with { Job = job });
    }

    public Task<StackStepResult> StackAsync(TaskOrchestrationContext context, StackStepInput input)
    {
        var step = input.Step;
        var output = step.StackBase(input.Skycell, input.Pass);
        var arguments = input.Inputs.SelectMany(i => new[] { "--input", i.Image }).ToList();
        arguments.AddRange(["--min-inputs", input.MinInputs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", output]);
        return RunAsync<StackStepResult>(context, step, $"stack-p{input.Pass}-{input.Skycell}", LapActivityNames.Stack, StackKernel.Name,
            arguments, ImageProduct.ForBase(output).Files, job => input with { Job = job });
    }

    public Task<DiffStepResult> DiffAsync(TaskOrchestrationContext context, DiffStepInput input)
    {
        var step = input.Step;
        var arguments = new List<string>();
        var outputs = new List<string>();
        foreach (var pair in input.Pairs)
        {
            var output = step.DiffBase(input.Kind, input.ScienceName, input.TemplateName, pair.Skycell);
            arguments.AddRange(["--science", pair.Science.Image, "--template", pair.Template.Image, "--output", output]);
            outputs.AddRange([.. ImageProduct.ForBase(output).Files, output + ".cat.csv"]);
        }

        return RunAsync<DiffStepResult>(context, step, $"{input.Kind}-{input.ScienceName}", LapActivityNames.Diff, DiffKernel.Name,
            arguments, outputs, job => input with { Job = job });
    }

    public Task<MagicStepResult> MagicAsync(TaskOrchestrationContext context, MagicStepInput input)
    {
        var arguments = new List<string>();
        var outputs = new List<string>();
        foreach (var m in input.Inputs)
        {
            arguments.AddRange(["--diff", m.Diff.Image, "--science", m.Science.Image, "--science-output", m.ScienceOutputBase]);
            outputs.AddRange(ImageProduct.ForBase(m.ScienceOutputBase).Files);
            if (m.Template is not null && m.TemplateOutputBase is not null)
            {
                arguments.AddRange(["--template", m.Template.Image, "--template-output", m.TemplateOutputBase]);
                outputs.AddRange(ImageProduct.ForBase(m.TemplateOutputBase).Files);
            }
        }

        return RunAsync<MagicStepResult>(context, input.Step, $"magic-{input.ScienceName}", LapActivityNames.Magic, MagicKernel.Name,
            arguments, outputs, job => input with { Job = job });
    }

    private async Task<T> RunAsync<T>(
        TaskOrchestrationContext context, LapStep step, string job, string activity, string kernel, List<string> arguments, IReadOnlyList<string> outputs, Func<LapJob, object> record)
    {
        var delay = TimeSpan.FromSeconds(config.RetrySeconds);
        for (var attempt = 1; ; attempt++)
        {
            var n = jobs[job] = jobs.GetValueOrDefault(job) + 1;
            var name = n == 1 ? job : $"{job}-{n}";
            var result = step.JobResultPath(name);
            var spec = JobSpec.ForKernel(name, kernel, [.. arguments, "--result", result]) with
            {
                Backend = backend,
                Outputs = [.. outputs, result],
                Partition = config.Partition,
                Account = config.Account,
                MemoryMb = config.JobMemoryMb,
                Walltime = config.JobWalltimeMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            };
            JobOutcome outcome;
            try
            {
                outcome = await context.RunJobAsync(spec, JobRetryPolicy.Default);
            }
            catch (JobFailedException failed)
            {
                // The recording activity turns the outcome into the fault class, so the failure is a task failure like the
                // in-process executor's, with the job key, exit code and the kernel's last stderr line in its message.
                outcome = failed.Outcome;
            }

            try
            {
                return await context.CallActivityAsync<T>(activity, record(new LapJob(outcome, result)));
            }
            catch (TaskFailedException failure) when (attempt < config.SystemRetries && LapFault.IsSystem(failure.FailureDetails))
            {
                await context.CreateTimer(delay, CancellationToken.None);
                delay *= 2;
            }
        }
    }
}
