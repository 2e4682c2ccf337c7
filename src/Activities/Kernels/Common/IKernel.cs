namespace Nightshift.Activities.Kernels.Common;

/// <summary>A compute kernel that a batch job runs on a node as <c>nightshift kernel NAME ARGS…</c>.</summary>
public interface IKernel
{
    /// <summary>The name on the command line.</summary>
    string Name { get; }

    /// <summary>One line of help.</summary>
    string Description { get; }

    /// <summary>Runs the kernel; the return value is the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken);
}
