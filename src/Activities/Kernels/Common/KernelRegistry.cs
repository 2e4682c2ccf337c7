using Nightshift.Activities.Kernels.Analysis;
using Nightshift.Activities.Kernels.Des;
using Nightshift.Activities.Lap;
using Nightshift.Activities.Kernels.Snf;

namespace Nightshift.Activities.Kernels.Common;

/// <summary>
/// The kernels a <c>nightshift kernel</c> command can run, by name. <see cref="CreateDefault"/> holds the
/// general-purpose ones; pipelines add theirs with <see cref="Add"/>.
/// </summary>
public sealed class KernelRegistry
{
    private readonly Dictionary<string, IKernel> kernels = new(StringComparer.Ordinal);

    /// <summary>The registered kernels, by name.</summary>
    public IReadOnlyDictionary<string, IKernel> Kernels => kernels;

    /// <summary>A registry with <c>checksum</c>, <c>sleep</c>, <c>fail</c> and <c>alloc</c>, and the pipelines' kernels.</summary>
    public static KernelRegistry CreateDefault()
        => new KernelRegistry().Add(new ChecksumKernel()).Add(new SleepKernel()).Add(new FailKernel()).Add(new AllocKernel())
            .AddLapKernels()
            .AddSnf()
            .AddDes()
            .AddAnalysisKernels();

    /// <summary>Adds a kernel; a second one with the same name is an error.</summary>
    public KernelRegistry Add(IKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!kernels.TryAdd(kernel.Name, kernel))
        {
            throw new ArgumentException($"A kernel named '{kernel.Name}' is already registered.", nameof(kernel));
        }

        return this;
    }

    /// <summary>
    /// Runs the kernel named <paramref name="name"/>; an unknown name prints the known ones to
    /// <paramref name="stderr"/> and returns 2, as a command-line usage error.
    /// </summary>
    public async Task<int> RunAsync(string name, IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        if (!kernels.TryGetValue(name, out var kernel))
        {
            await stderr.WriteLineAsync($"nightshift kernel: unknown kernel '{name}'; known: {string.Join(", ", kernels.Keys.Order(StringComparer.Ordinal))}").ConfigureAwait(false);
            return 2;
        }

        return await kernel.RunAsync(arguments, stdout, stderr, cancellationToken).ConfigureAwait(false);
    }
}
