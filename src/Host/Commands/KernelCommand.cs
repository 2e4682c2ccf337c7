using System.CommandLine;
using Nightshift.Activities.Kernels.Common;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;

namespace Nightshift.Host.Commands;

/// <summary>
/// <c>nightshift kernel NAME ARGS…</c>: runs one compute kernel in this process, which is what a batch job executes on its
/// node. The words after NAME go to the kernel exactly as given (see <see cref="TryRunDirectly"/>), so a kernel's own
/// options never collide with the launcher's.
/// </summary>
internal static class KernelCommand
{
    public const string Name = "kernel";

    public static Command Create()
    {
        var kernel = new Argument<string?>("NAME") { Description = "The kernel to run; without it, the kernels are listed.", Arity = ArgumentArity.ZeroOrOne };
        var arguments = new Argument<string[]>("ARGS") { Description = "The kernel's own arguments, passed as they are.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(Name,
            "Run one compute kernel in this process, as a batch job does on its node (JobSpec.ForKernel). Exit code: the kernel's own; " +
            "2 for an unknown kernel or bad arguments; a LAP kernel that fails exits 10 + its fault class (12 system, 13 config, 14 programming, 15 data, 16 timeout). " +
            "'nightshift kernel NAME --help' shows a kernel's options. Kernels: " + string.Join("; ", Registry().Kernels.Values.OrderBy(k => k.Name, StringComparer.Ordinal).Select(k => k.Description)) + ".")
        {
            kernel,
            arguments,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            if (parse.GetValue(kernel) is not { } name)
            {
                foreach (var k in Registry().Kernels.Values.OrderBy(k => k.Name, StringComparer.Ordinal))
                {
                    Console.Out.WriteLine($"{k.Name,-12} {k.Description}");
                }

                return ExitCodes.Success;
            }

            // Reached only for words the direct path does not take (an option of the launcher's own among the kernel's):
            // the parser cannot say which word belonged where, so ask for the plain form instead of guessing.
            throw CommandLineException.Usage($"write 'nightshift kernel {name} ARGS...' with the kernel's arguments right after its name");
        });
        return command;
    }

    /// <summary>
    /// <c>nightshift kernel NAME …</c> runs without the command-line parser, which would otherwise claim words such as
    /// <c>--help</c> or <c>-v</c> that belong to the kernel. Returns null for anything else.
    /// </summary>
    public static Task<int>? TryRunDirectly(string[] args, CancellationToken cancellationToken)
    {
        // The launcher's own options (which a kernel ignores) may come first: nightshift -v --db X kernel NAME …
        var i = 0;
        while (i < args.Length && args[i] is "-v" or "--verbose" or "--db")
        {
            i += args[i] == "--db" ? 2 : 1;
        }

        return i + 1 < args.Length && args[i] == Name && !args[i + 1].StartsWith('-') ? RunAsync(args[i + 1], args[(i + 2)..], cancellationToken) : null;
    }

    private static async Task<int> RunAsync(string name, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await Registry().RunAsync(name, arguments, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Terminal.Message($"kernel {name}: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // A kernel that throws is a failed job with a reason in its stderr, not a crash dump.
            Terminal.Message($"kernel {name}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failed;
        }
    }

    private static KernelRegistry Registry() => KernelRegistry.CreateDefault();
}
