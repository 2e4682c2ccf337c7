namespace Nightshift.Activities.Kernels.Snf;

/// <summary>A kernel's command line is wrong (exit code 2).</summary>
internal sealed class SnfUsageException : Exception
{
    public SnfUsageException(string message)
        : base(message)
    {
    }
}
