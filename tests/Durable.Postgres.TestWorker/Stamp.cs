namespace Nightshift.Durable.Postgres.TestWorker;

/// <summary>Returns its key marked with the worker's tag, after working for the requested time.</summary>
public sealed class Stamp(StampTag tag) : Activity<StampRequest, string>
{
    public const string Name = "Stamp";

    public override async Task<string> RunAsync(ActivityContext context, StampRequest input)
    {
        if (input.DelayMs > 0)
        {
            await Task.Delay(input.DelayMs, context.CancellationToken).ConfigureAwait(false);
        }

        return $"{tag.Value}:{input.Key}";
    }
}
