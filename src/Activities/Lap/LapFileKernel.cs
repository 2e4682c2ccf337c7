using Nightshift.Activities.Kernels.Common;

namespace Nightshift.Activities.Lap;

/// <summary>
/// A LAP kernel as a batch job runs it (<c>nightshift kernel NAME --option value … --result FILE</c>): it reads FITS
/// products and the survey manifest, writes its products, and writes its result as JSON to <c>--result</c> for the step
/// that records it (<see cref="LapJob"/>). A kernel that throws exits with <see cref="LapJob.ExitCodeFor"/> its fault class
/// and the reason on stderr; a wrong command line exits 2.
/// </summary>
internal abstract class LapFileKernel : IKernel
{
    public abstract string Name { get; }

    /// <summary>The options after the name, for the usage line.</summary>
    protected abstract string Usage { get; }

    /// <summary>What it does, in a few words.</summary>
    protected abstract string Summary { get; }

    /// <summary>The options it accepts, without dashes; <c>result</c> is added.</summary>
    protected abstract IReadOnlyCollection<string> Options { get; }

    public string Description => $"{Name} {Usage} --result FILE: {Summary}";

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
        string resultPath;
        try
        {
            parsed = KernelArguments.Parse(arguments, [.. Options, "result"]);
            resultPath = parsed.Required("result");
            // Checked before any work, so that a wrong command line costs nothing and never leaves half a product.
            Validate(parsed);
        }
        catch (KernelUsageException e)
        {
            await stderr.WriteLineAsync($"{Name}: {e.Message}\nusage: nightshift kernel {Name} {Usage} --result FILE").ConfigureAwait(false);
            return 2;
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (result, line) = Run(parsed);
            LapKernelJson.Write(resultPath, result);
            await stdout.WriteLineAsync($"{Name}: {line}; result in {resultPath}").ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var fault = LapFault.Classify(e);
            await stderr.WriteLineAsync($"fault {fault}: {Name}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return LapJob.ExitCodeFor(fault);
        }
    }

    /// <summary>Checks the options beyond their presence (counts that must match, numbers); throws <see cref="KernelUsageException"/>.</summary>
    protected virtual void Validate(KernelArguments arguments)
    {
    }

    /// <summary>Runs the kernel; returns the result to write and one line for stdout.</summary>
    protected abstract (object Result, string Line) Run(KernelArguments arguments);

    /// <summary>The product whose image is <paramref name="image"/> (<c>BASE.fits</c>, with <c>BASE.var.fits</c> and <c>BASE.mask.fits</c>).</summary>
    protected static Kernels.Lap.ImageProduct Product(string image) =>
        image.EndsWith(".fits", StringComparison.Ordinal) && !image.EndsWith(".var.fits", StringComparison.Ordinal) && !image.EndsWith(".mask.fits", StringComparison.Ordinal)
            ? Kernels.Lap.ImageProduct.ForBase(image[..^".fits".Length])
            : throw new KernelUsageException($"'{image}' is not the image of a product (BASE.fits)");
}
