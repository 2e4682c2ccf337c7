namespace Nightshift.Activities.Jobs;

/// <summary>Job keys and the names derived from them; all deterministic, so a replay computes the same ones.</summary>
public static class JobKeys
{
    /// <summary>The key of one attempt: <c>INSTANCE/STEP/ATTEMPT</c>.</summary>
    public static string For(string instanceId, string step, int attempt) => $"{instanceId}/{step}/{attempt}";

    /// <summary>The external event the monitor raises when the job with <paramref name="jobKey"/> ends.</summary>
    public static string EventName(string jobKey) => "job:" + jobKey;
}
