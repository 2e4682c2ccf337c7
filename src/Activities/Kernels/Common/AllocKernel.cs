using System.Globalization;

namespace Nightshift.Activities.Kernels.Common;

/// <summary><c>alloc MIB [SECONDS]</c>: touches that much memory and holds it, for out-of-memory tests.</summary>
public sealed class AllocKernel : IKernel
{
    /// <inheritdoc/>
    public string Name => "alloc";

    /// <inheritdoc/>
    public string Description => "alloc MIB [SECONDS]: allocate and touch MIB mebibytes, hold them SECONDS";

    /// <inheritdoc/>
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (arguments.Count < 1 || !int.TryParse(arguments[0], CultureInfo.InvariantCulture, out var mib) || mib < 0)
        {
            await stderr.WriteLineAsync("alloc: give a number of MiB").ConfigureAwait(false);
            return 2;
        }

        var hold = arguments.Count > 1 ? double.Parse(arguments[1], CultureInfo.InvariantCulture) : 1;
        var blocks = new List<byte[]>(mib);
        for (var i = 0; i < mib; i++)
        {
            var block = new byte[1024 * 1024];
            // Touch every page so the memory is resident, not merely reserved.
            for (var j = 0; j < block.Length; j += 4096)
            {
                block[j] = 1;
            }

            blocks.Add(block);
        }

        await stdout.WriteLineAsync($"alloc: holding {blocks.Count} MiB").ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(hold), cancellationToken).ConfigureAwait(false);
        GC.KeepAlive(blocks);
        return 0;
    }
}
