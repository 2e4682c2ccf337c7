using System.Security.Cryptography;

namespace Nightshift.Activities.Kernels.Common;

/// <summary><c>checksum FILE…</c>: prints the SHA-256 of each file, as <c>sha256sum</c> does; a missing file exits 1.</summary>
public sealed class ChecksumKernel : IKernel
{
    /// <inheritdoc/>
    public string Name => "checksum";

    /// <inheritdoc/>
    public string Description => "checksum FILE...: SHA-256 of each file";

    /// <inheritdoc/>
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (arguments.Count == 0)
        {
            await stderr.WriteLineAsync("checksum: give at least one file").ConfigureAwait(false);
            return 2;
        }

        var status = 0;
        foreach (var path in arguments)
        {
            if (!File.Exists(path))
            {
                await stderr.WriteLineAsync($"checksum: {path}: no such file").ConfigureAwait(false);
                status = 1;
                continue;
            }

            await using var stream = File.OpenRead(path);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"{Convert.ToHexStringLower(hash)}  {path}").ConfigureAwait(false);
        }

        return status;
    }
}
