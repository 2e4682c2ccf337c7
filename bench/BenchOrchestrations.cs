using Nightshift.Durable;

namespace Nightshift.Bench;

/// <summary>The classic Durable Task sample: five activities one after another.</summary>
internal sealed class HelloCities : Orchestration<string, string[]>
{
    public override async Task<string[]> RunAsync(OrchestrationContext context, string input)
    {
        var results = new string[5];
        string[] cities = ["Tokyo", "Seattle", "London", "Leiden", "Hilo"];
        for (var i = 0; i < cities.Length; i++)
        {
            results[i] = await context.CallActivityAsync<string>("Hello", $"{cities[i]}-{input}");
        }

        return results;
    }
}

/// <summary>One orchestration that starts N activities at once and sums their results.</summary>
internal sealed class FanOutFanIn : Orchestration<int, long>
{
    public override async Task<long> RunAsync(OrchestrationContext context, int input)
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

internal sealed class Hello : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input) => Task.FromResult($"Hello, {input}!");
}

internal sealed class Square : Activity<int, int>
{
    public override Task<int> RunAsync(ActivityContext context, int input) => Task.FromResult(input * input);
}
