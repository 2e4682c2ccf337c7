using Microsoft.DurableTask;

namespace Nightshift.Bench;

/// <summary>HelloCities on the Durable Task SDK: five activities one after another.</summary>
internal sealed class HelloCitiesOrchestrator : TaskOrchestrator<string, string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string input)
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
