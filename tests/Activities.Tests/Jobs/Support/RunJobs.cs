using Microsoft.DurableTask;
using Nightshift.Activities.Jobs;

namespace Nightshift.Activities.Tests.Jobs.Support;

/// <summary>Runs its jobs in parallel through RunJobAsync; a job that fails for good contributes its exception's outcome.</summary>
internal sealed class RunJobs : TaskOrchestrator<RunJobsInput, List<JobOutcome>>
{
    public override async Task<List<JobOutcome>> RunAsync(TaskOrchestrationContext context, RunJobsInput input)
    {
        var tasks = input.Jobs.Select(j => RunOne(context, j, input.Policy)).ToList();
        return [.. await Task.WhenAll(tasks)];
    }

    private static async Task<JobOutcome> RunOne(TaskOrchestrationContext context, JobSpec spec, JobRetryPolicy? policy)
    {
        try
        {
            return await context.RunJobAsync(spec, policy ?? JobRetryPolicy.None);
        }
        catch (JobFailedException ex)
        {
            Assert.IsTrue(ex.Message.Contains(ex.JobKey, StringComparison.Ordinal), "the failure names the job key");
            return ex.Outcome;
        }
    }
}
