namespace Nightshift.Host.Cli;

/// <summary>
/// Ends a command with a one-line message and an exit code. Thrown for bad input before anything is
/// changed (<see cref="ExitCodes.Usage"/>) and for refused operations (<see cref="ExitCodes.Failed"/>).
/// </summary>
internal sealed class CommandLineException : Exception
{
    public CommandLineException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    /// <summary>Bad usage or input; nothing was changed.</summary>
    public static CommandLineException Usage(string message) => new(message, ExitCodes.Usage);

    /// <summary>An operation that was refused or failed.</summary>
    public static CommandLineException Failed(string message) => new(message, ExitCodes.Failed);
}
