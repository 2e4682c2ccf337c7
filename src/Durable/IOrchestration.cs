namespace Nightshift.Durable;

/// <summary>The untyped face of <see cref="Orchestration{TInput, TOutput}"/> that the engine drives.</summary>
public interface IOrchestration
{
    /// <summary>The type the JSON input is read as.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestration with an already deserialised input.</summary>
    Task<object?> RunAsync(OrchestrationContext context, object? input);
}
