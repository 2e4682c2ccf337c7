namespace Nightshift.Durable;

/// <summary>
/// A durable pipeline step written as ordinary async code. Every await of the context is
/// checkpointed, so the method is replayed from its history after a crash and must be deterministic.
/// </summary>
/// <typeparam name="TInput">The input, serialised as JSON into the instance row.</typeparam>
/// <typeparam name="TOutput">The output, serialised as JSON when the orchestration completes.</typeparam>
public abstract class Orchestration<TInput, TOutput> : IOrchestration
{
    /// <summary>Runs (or replays) the orchestration.</summary>
    public abstract Task<TOutput> RunAsync(OrchestrationContext context, TInput input);

    Type IOrchestration.InputType => typeof(TInput);

    async Task<object?> IOrchestration.RunAsync(OrchestrationContext context, object? input)
        => await RunAsync(context, (TInput)input!);
}
