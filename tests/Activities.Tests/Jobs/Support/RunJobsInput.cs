using Nightshift.Activities.Jobs;

namespace Nightshift.Activities.Tests.Jobs.Support;

/// <summary>Jobs to run in parallel, one policy for all.</summary>
internal sealed record RunJobsInput(IReadOnlyList<JobSpec> Jobs, JobRetryPolicy? Policy = null);
