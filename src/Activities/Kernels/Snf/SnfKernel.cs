using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Common;

namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// Base of the SNfactory plan kernels: parses <c>--name value</c> arguments, runs the plan on files, and turns a bad
/// command line into exit code 2 and bad or missing input into exit code 1, each with one line naming the problem.
/// </summary>
internal abstract class SnfKernel : IKernel
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var summary = Run(new SnfArgs(Name, arguments), cancellationToken);
            await stdout.WriteLineAsync($"{Name}: {summary}").ConfigureAwait(false);
            return 0;
        }
        catch (SnfUsageException e)
        {
            await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is SnfDataException or FitsFormatException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Does the work; returns one line for stdout.</summary>
    protected abstract string Run(SnfArgs args, CancellationToken cancellationToken);

    /// <summary>The night's exposure log.</summary>
    protected static NightLog ReadNight(SnfLayout layout, string night) => SnfLayout.Read<NightLog>(layout.NightLog(night));

    /// <summary>The exposures of the night that file_quality passed.</summary>
    protected static HashSet<string> GoodExposures(SnfLayout layout, string night)
        => SnfLayout.Read<List<FrameQuality>>(layout.Quality(night)).Where(q => q.Good).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
}
