namespace Nightshift.Durable;

/// <summary>
/// A unit of compute that an orchestration schedules. Activities run at least once: a worker that dies
/// while running one loses its lease and another worker runs it again, so an activity must be idempotent.
/// Activities are created per call through dependency injection and may take services in their constructor.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    /// <summary>Runs the activity.</summary>
    public abstract Task<TOutput> RunAsync(ActivityContext context, TInput input);

    Type IActivity.InputType => typeof(TInput);

    async Task<object?> IActivity.RunAsync(ActivityContext context, object? input)
        => await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}
