using System.Globalization;

namespace Nightshift.Activities.Kernels.Common;

/// <summary><c>fail CODE [MESSAGE]</c>: writes the message to stderr and exits with the code, for failure tests.</summary>
public sealed class FailKernel : IKernel
{
    /// <inheritdoc/>
    public string Name => "fail";

    /// <inheritdoc/>
    public string Description => "fail CODE [MESSAGE]: exit with CODE after printing MESSAGE to stderr";

    /// <inheritdoc/>
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stderr);
        if (arguments.Count < 1 || !int.TryParse(arguments[0], CultureInfo.InvariantCulture, out var code))
        {
            await stderr.WriteLineAsync("fail: give an exit code").ConfigureAwait(false);
            return 2;
        }

        await stderr.WriteLineAsync(arguments.Count > 1 ? string.Join(' ', arguments.Skip(1)) : $"failing with exit code {code} as asked").ConfigureAwait(false);
        return code;
    }
}
