using Nightshift.Durable;

namespace Nightshift.Activities.Steps;

/// <summary>How a step is recorded: its code version, what it wrote and how to undo it.</summary>
/// <typeparam name="T">The step's result type.</typeparam>
public sealed record StepOptions<T>
{
    /// <summary>Part of the match: a recorded result of another code version is not reused.</summary>
    public string? CodeVersion { get; init; }

    /// <summary>The files and directories the step wrote, from its result; a reset deletes them.</summary>
    public Func<T, IReadOnlyList<string>>? Products { get; init; }

    /// <summary>What a reset must run before deleting the step (for a subtraction: add the model back).</summary>
    public Func<T, StepUndo?>? Undo { get; init; }

    /// <summary>
    /// Steps that consumed this step's output and changed shared data (a subtraction of a calibration's model): when
    /// this step has to run again, they are reset first, so their undo runs before the data is used again.
    /// </summary>
    public IReadOnlyList<string> Dependents { get; init; } = [];

    /// <summary>On the Durable Task SDK: options (retries) for the step's activity.</summary>
    public Microsoft.DurableTask.TaskOptions? TaskOptions { get; init; }
}
