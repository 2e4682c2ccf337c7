using Microsoft.DurableTask;

namespace Nightshift.Durable.Postgres.TestWorker;

/// <summary>
/// Calls <see cref="Stamp"/> <see cref="Steps"/> times in a row. Every result is unique to its instance and
/// step, so a result recorded twice in history, or one missing, shows in a count.
/// </summary>
public sealed class StampChain : TaskOrchestrator<int, string[]>
{
    public const string Name = "StampChain";

    public const int Steps = 3;

    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new string[Steps];
        for (var i = 0; i < Steps; i++)
        {
            results[i] = await context.CallActivityAsync<string>(Stamp.Name, new StampRequest($"{context.InstanceId}/{i}", input));
        }

        return results;
    }
}
