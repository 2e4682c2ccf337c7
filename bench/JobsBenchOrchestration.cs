using Nightshift.Activities.Jobs;
using Microsoft.DurableTask;

namespace Nightshift.Bench;

/// <summary>Runs N trivial SLURM jobs (<c>/bin/true</c>) in parallel; returns how many completed.</summary>
internal sealed class JobsBenchOrchestration : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var jobs = Enumerable.Range(0, input)
            .Select(i => context.RunJobAsync(JobSpec.ForCommand($"j{i:D5}", "/bin/true") with { Backend = "slurm" }, JobRetryPolicy.None))
            .ToList();
        var outcomes = await Task.WhenAll(jobs);
        return outcomes.Count(o => o.Succeeded);
    }
}
