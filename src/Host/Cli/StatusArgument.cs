using System.CommandLine.Parsing;
using Nightshift.Durable;

namespace Nightshift.Host.Cli;

/// <summary>Parses instance statuses for <c>--status</c>, case-insensitively, naming the valid ones on error.</summary>
internal static class StatusArgument
{
    public static string Known => string.Join(", ", Enum.GetNames<OrchestrationStatus>());

    public static OrchestrationStatus[] Parse(ArgumentResult result)
    {
        var statuses = new List<OrchestrationStatus>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<OrchestrationStatus>(part, ignoreCase: true, out var status) || !Enum.IsDefined(status))
                {
                    result.AddError($"unknown status '{part}' (known: {Known})");
                    return [];
                }

                statuses.Add(status);
            }
        }

        return [.. statuses];
    }
}
