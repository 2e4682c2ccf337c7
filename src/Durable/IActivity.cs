namespace Nightshift.Durable;

/// <summary>The untyped face of <see cref="Activity{TInput, TOutput}"/> that the worker drives.</summary>
public interface IActivity
{
    /// <summary>The type the JSON input is read as.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity with an already deserialised input.</summary>
    Task<object?> RunAsync(ActivityContext context, object? input);
}
