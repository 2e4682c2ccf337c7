using Microsoft.DurableTask;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Production;

namespace Nightshift.Workflows.Production;

/// <summary>
/// Runs plans one after another as batch jobs, stopping at the first that fails (a later plan reads the earlier one's
/// products) or when the production sends <see cref="StopEvent"/>; then records the chain's end and its outputs.
/// </summary>
internal static class PlanChain
{
    /// <summary>The event a production sends to its running chains when it stops at a failed plan.</summary>
    public const string StopEvent = "production-stop";

    public static async Task<ChainResult> RunAsync(TaskOrchestrationContext context, ChainInput input, string kind, IReadOnlyList<string> plans, Func<string, JobSpec> job)
    {
        var stop = context.WaitForExternalEvent<string>(StopEvent);
        var completed = new List<PlanOutputs>();
        var status = "done";
        string? failedPlan = null;
        string? error = null;
        foreach (var plan in plans)
        {
            var spec = job(plan);
            var run = context.RunJobAsync(spec, JobRetryPolicy.Default);
            if (await Task.WhenAny(run, stop) == stop)
            {
                // The monitor cancels this chain's running job once the chain has ended.
                status = "stopped";
                failedPlan = plan;
                error = "the production stopped at a failed plan elsewhere";
                break;
            }

            try
            {
                var outcome = await run;
                completed.Add(new PlanOutputs(plan, outcome.JobKey, spec.Outputs));
            }
            catch (JobFailedException e)
            {
                status = "failed";
                failedPlan = plan;
                error = e.Message;
                break;
            }
        }

        var photometric = await context.CallActivityAsync<bool?>(ProductionActivityNames.Record,
            new UnitRecord(input.Key, input.Register, input.Prod, kind, input.Unit, status, input.Nights, failedPlan, error, context.InstanceId, completed));
        return new ChainResult(kind, input.Unit, status, failedPlan, error, photometric);
    }
}
