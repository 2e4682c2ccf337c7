using Nightshift.Durable;

namespace Nightshift.Activities.Jobs;

/// <summary>Runs batch jobs from orchestration code.</summary>
public static class JobOrchestrationExtensions
{

    /// <summary>
    /// Runs a batch job from an orchestration on the Durable Task SDK: records it (an activity), then waits for the
    /// event the job monitor raises when it ends, and retries as <paramref name="policy"/> says. The job key is
    /// INSTANCE/STEP/ATTEMPT, so a replay or a restarted worker finds the same job instead of submitting another.
    /// </summary>
    /// <exception cref="JobFailedException">The job failed and the policy allows no further attempt.</exception>
    public static async Task<JobOutcome> RunJobAsync(this Microsoft.DurableTask.TaskOrchestrationContext context, JobSpec spec, JobRetryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(spec);
        policy ??= JobRetryPolicy.Default;
        var step = spec.Name ?? throw new ArgumentException("A job needs a Name (its step name in the orchestration).", nameof(spec));
        if (step.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Job step name '{step}' must not contain '/': the job key is INSTANCE/STEP/ATTEMPT.", nameof(spec));
        }

        for (var attempt = 1; ; attempt++)
        {
            var key = JobKeys.For(context.InstanceId, step, attempt);
            await context.CallActivityAsync<string>(RecordJobActivity.ActivityName, new RecordJobRequest(key, context.InstanceId, step, attempt, spec));
            var outcome = await context.WaitForExternalEvent<JobOutcome>(JobKeys.EventName(key));
            if (outcome.Succeeded)
            {
                return outcome;
            }

            if (attempt >= policy.MaxAttempts || !policy.Retries(outcome.State))
            {
                throw new JobFailedException(outcome);
            }

            spec = policy.NextSpec(spec, outcome.State);
            if (policy.Delay > TimeSpan.Zero)
            {
                await context.CreateTimer(policy.Delay, CancellationToken.None);
            }
        }
    }
}
