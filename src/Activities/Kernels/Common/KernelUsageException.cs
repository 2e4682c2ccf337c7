namespace Nightshift.Activities.Kernels.Common;

/// <summary>A kernel's command line is wrong: the kernel prints the message and its usage and exits 2.</summary>
internal sealed class KernelUsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KernelUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KernelUsageException()
        : this("bad arguments")
    {
    }

    /// <summary>Creates the exception.</summary>
    public KernelUsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
