using System.Text.Json;
using Microsoft.DurableTask;
using Nightshift.Durable;

namespace Nightshift.Workflows.Tests.Facet;

/// <summary>Calls one activity twice with the same input: what an at-least-once redelivery does to it.</summary>
internal sealed class CallTwice : TaskOrchestrator<CallTwiceInput, List<JsonElement>>
{
    public override async Task<List<JsonElement>> RunAsync(TaskOrchestrationContext context, CallTwiceInput input)
    {
        var payload = DurableJson.Deserialize<JsonElement>(input.Input);
        var first = await context.CallActivityAsync<JsonElement>(input.Activity, payload);
        var second = await context.CallActivityAsync<JsonElement>(input.Activity, payload);
        return [first, second];
    }
}
