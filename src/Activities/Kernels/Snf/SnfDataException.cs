namespace Nightshift.Activities.Kernels.Snf;

/// <summary>Input data a kernel cannot use: the message names the file and what is wrong with it.</summary>
internal sealed class SnfDataException : Exception
{
    public SnfDataException(string message)
        : base(message)
    {
    }

    public SnfDataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
