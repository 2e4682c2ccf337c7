using System.CommandLine.Parsing;
using System.Text.Json;
using Nightshift.Activities.Jobs;

namespace Nightshift.Host.Cli;

/// <summary>
/// Job states as the <c>jobs</c> table spells them (<c>out_of_memory</c>, <c>node_fail</c>), for <c>--state</c>
/// and for display, so that what an operator types matches what <c>v_jobs</c> shows.
/// </summary>
internal static class JobStateArgument
{
    public static string Known => string.Join(", ", Enum.GetValues<JobState>().Select(Name));

    public static string Name(JobState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    public static JobState[] Parse(ArgumentResult result)
    {
        var states = new List<JobState>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var match = Enum.GetValues<JobState>().Where(s => string.Equals(Name(s), part, StringComparison.OrdinalIgnoreCase)).ToList();
                if (match.Count == 0)
                {
                    result.AddError($"unknown job state '{part}' (known: {Known})");
                    return [];
                }

                states.Add(match[0]);
            }
        }

        return [.. states];
    }
}
