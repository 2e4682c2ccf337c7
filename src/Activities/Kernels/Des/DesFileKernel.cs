using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Common;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// A DES kernel on the command line (<c>nightshift kernel des-… --option value …</c>): options are parsed and checked
/// before any work; a wrong command line exits 2, bad or missing input exits 1 with one line naming the file.
/// </summary>
internal sealed class DesFileKernel(string name, string usage, string summary, IReadOnlyCollection<string> options, Func<KernelArguments, string> run) : IKernel
{
    public string Name => name;

    public string Description => $"{name} {usage}: {summary}";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (arguments is ["--help"] or ["-h"])
        {
            await stdout.WriteLineAsync($"usage: nightshift kernel {Description}").ConfigureAwait(false);
            return 0;
        }

        KernelArguments parsed;
        try
        {
            parsed = KernelArguments.Parse(arguments, options);
        }
        catch (KernelUsageException e)
        {
            await stderr.WriteLineAsync($"{name}: {e.Message}\nusage: nightshift kernel {name} {usage}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = run(parsed);
            await stdout.WriteLineAsync($"{name}: {line}").ConfigureAwait(false);
            return 0;
        }
        catch (KernelUsageException e)
        {
            await stderr.WriteLineAsync($"{name}: {e.Message}\nusage: nightshift kernel {name} {usage}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is DesDataException or FitsFormatException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{name}: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 1;
        }
    }
}
