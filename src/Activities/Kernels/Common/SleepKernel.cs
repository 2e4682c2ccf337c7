using System.Globalization;

namespace Nightshift.Activities.Kernels.Common;

/// <summary><c>sleep SECONDS</c>: waits, for tests of running, cancelled and timed-out jobs.</summary>
public sealed class SleepKernel : IKernel
{
    /// <inheritdoc/>
    public string Name => "sleep";

    /// <inheritdoc/>
    public string Description => "sleep SECONDS: wait";

    /// <inheritdoc/>
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stderr);
        if (arguments.Count != 1 || !double.TryParse(arguments[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
        {
            await stderr.WriteLineAsync("sleep: give one non-negative number of seconds").ConfigureAwait(false);
            return 2;
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
