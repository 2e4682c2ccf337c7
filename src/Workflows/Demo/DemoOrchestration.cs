using System.Text.Json;
using Microsoft.DurableTask;
using Nightshift.Activities.Demo;

namespace Nightshift.Workflows.Demo;

/// <summary>
/// The built-in demo: fans out one activity per chunk of 1..N, fans in, then chains reduce → verify →
/// summarise. Progress goes to the custom status as {phase, done, total} after every step.
/// </summary>
internal sealed class DemoOrchestration : TaskOrchestrator<DemoInput, DemoResult>
{
    private const int ChainSteps = 3;

    public override async Task<DemoResult> RunAsync(TaskOrchestrationContext context, DemoInput input)
    {
        input ??= new DemoInput();
        if (input.Validate() is { } problem)
        {
            throw new ArgumentException($"Invalid demo input: {problem}.", nameof(input));
        }

        var started = context.CurrentUtcDateTime;
        var total = input.Chunks + ChainSteps;
        string? released = null;
        if (input.Gate is { } gate)
        {
            context.SetCustomStatus(new DemoProgress($"waiting for event '{gate}'", 0, total));
            var data = await context.WaitForExternalEvent<JsonElement?>(gate);
            released = data is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } payload
                ? $"event '{gate}' with {payload.GetRawText()}"
                : $"event '{gate}'";
        }

        var done = 0;
        context.SetCustomStatus(new DemoProgress("chunks", done, total));

        // Awaiting each call in its own local function lets the status advance as chunks complete, in history
        // order, without the quadratic cost of Task.WhenAny over thousands of tasks.
        async Task<ChunkResult> RunChunk(int index)
        {
            var from = (long)index * input.Size + 1;
            var haltFile = input.HaltChunk is null || input.HaltChunk == index ? input.HaltFile : null;
            var result = await context.CallActivityAsync<ChunkResult>(
                DemoActivityNames.Chunk, new ChunkInput(index, from, from + input.Size - 1, haltFile));
            context.SetCustomStatus(new DemoProgress("chunks", ++done, total));
            return result;
        }

        var chunks = await Task.WhenAll(Enumerable.Range(0, input.Chunks).Select(RunChunk));

        context.SetCustomStatus(new DemoProgress("reduce", done, total));
        var totals = await context.CallActivityAsync<DemoTotals>(DemoActivityNames.Reduce, chunks);

        context.SetCustomStatus(new DemoProgress("verify", ++done, total));
        var verification = await context.CallActivityAsync<DemoVerification>(DemoActivityNames.Verify, totals);
        if (!verification.Passed)
        {
            var failed = string.Join("; ", verification.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: expected {c.Expected}, got {c.Actual}"));
            throw new InvalidOperationException($"The demo's totals failed verification: {failed}.");
        }

        context.SetCustomStatus(new DemoProgress("summarise", ++done, total));
        var elapsed = (context.CurrentUtcDateTime - started).TotalSeconds;
        var result = await context.CallActivityAsync<DemoResult>(
            DemoActivityNames.Summarise, new SummaryInput(input.Size, totals, verification, elapsed, released));

        context.SetCustomStatus(new DemoProgress("done", ++done, total));
        return result;
    }
}
