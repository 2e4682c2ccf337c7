using Nightshift.Activities.Jobs;
using Microsoft.DurableTask;

namespace Nightshift.Host.Tests.Jobs;

/// <summary>Runs shell jobs on the local backend in parallel; a job that fails does not fail the orchestration.</summary>
internal sealed class ShellJobs : TaskOrchestrator<List<JobSpec>, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, List<JobSpec> input)
    {
        var outcomes = await Task.WhenAll(input.Select(async spec =>
        {
            try
            {
                return await context.RunJobAsync(spec, JobRetryPolicy.None);
            }
            catch (JobFailedException e)
            {
                return e.Outcome;
            }
        }));
        return outcomes.Count(o => o.State == JobState.Completed);
    }
}
