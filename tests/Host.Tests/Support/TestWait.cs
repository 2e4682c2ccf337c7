namespace Nightshift.Host.Tests.Support;

/// <summary>Bounded polling for a condition another process brings about.</summary>
internal static class TestWait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new AssertFailedException($"Timed out waiting until {what}.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
