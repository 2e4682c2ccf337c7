using Microsoft.DurableTask;

namespace Nightshift.Bench;

/// <summary>FanOutFanIn on the Durable Task SDK: N activities at once, results summed.</summary>
internal sealed class FanOutFanInOrchestrator : TaskOrchestrator<int, long>
{
    public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
    {
        var tasks = new Task<int>[input];
        for (var i = 0; i < input; i++)
        {
            tasks[i] = context.CallActivityAsync<int>("Square", i % 1000);
        }

        var results = await Task.WhenAll(tasks);
        return results.Sum(r => (long)r);
    }
}
