using Microsoft.DurableTask;

namespace Nightshift.Durable.Postgres.TestWorker;

/// <summary>Returns its key marked with the worker's tag, after working for the requested time.</summary>
public sealed class Stamp(StampTag tag) : TaskActivity<StampRequest, string>
{
    public const string Name = "Stamp";

    public override async Task<string> RunAsync(TaskActivityContext context, StampRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.DelayMs > 0)
        {
            // The SDK's activity context has no cancellation token; a killed worker stops here anyway, a stopping one
            // lets the short delay finish.
            await Task.Delay(input.DelayMs).ConfigureAwait(false);
        }

        return $"{tag.Value}:{input.Key}";
    }
}
