using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Replay;

// The orchestrations whose recorded histories live in Histories/*.json. Changing what one of them
// schedules makes its recorded history non-deterministic: that is what the replay tests check, so edit
// them only together with the files (set NIGHTSHIFT_RECORD_HISTORIES=1 and run the recording test).

/// <summary>Says which activity ran on what.</summary>
public sealed class Tag : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input) => Task.FromResult($"{context.Name}({input})");
}

/// <summary>Fails the first time it is called for an input, then succeeds.</summary>
public sealed class FailsOnce(ExecutionLog log) : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input)
        => log.Increment($"FailsOnce/{context.InstanceId}/{input}") == 1
            ? throw new InvalidOperationException($"first attempt at {input} fails")
            : Task.FromResult($"ok({input})");
}

/// <summary>Version 1 of a two-step chain: A then B.</summary>
public sealed class ChainV1 : Orchestration<string, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, string input)
    {
        var a = await context.CallActivityAsync<string>("A", input);
        return await context.CallActivityAsync<string>("B", a);
    }
}

/// <summary>The chain after an incompatible change: the second step is now C.</summary>
public sealed class ChainV2 : Orchestration<string, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, string input)
    {
        var a = await context.CallActivityAsync<string>("A", input);
        return await context.CallActivityAsync<string>("C", a);
    }
}

/// <summary>The chain after the second step was removed.</summary>
public sealed class ChainV3 : Orchestration<string, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, string input)
        => await context.CallActivityAsync<string>("A", input);
}

/// <summary>
/// Uses every kind of history event: fan-out, a retried failure, a timer, an external event, a
/// sub-orchestration, deterministic GUIDs and the replay-safe clock, all folded into the output.
/// </summary>
public sealed class Kitchen : Orchestration<string, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, string input)
    {
        var id = context.NewGuid();
        var started = context.CurrentUtcDateTime;
        var parts = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => context.CallActivityAsync<string>("A", $"{input}{i}")));
        var retried = await context.CallActivityAsync<string>("FailsOnce", input, new RetryPolicy(3, TimeSpan.FromMilliseconds(20)));
        await context.CreateTimer(TimeSpan.FromMilliseconds(20));
        context.SetCustomStatus("waiting for approval");
        var approval = await context.WaitForExternalEvent<string>("approve");
        var child = await context.CallSubOrchestrationAsync<string>("Chain", approval, $"{context.InstanceId}-child");
        return $"{id}|{started:O}|{string.Join(",", parts)}|{retried}|{approval}|{child}|{context.NewGuid()}|{context.CurrentUtcDateTime:O}";
    }
}
