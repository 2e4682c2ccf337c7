namespace Nightshift.Host.Cli;

/// <summary>The process exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; for <c>run</c>, the instance completed.</summary>
    public const int Success = 0;

    /// <summary>The command ran but the outcome is a failure: a run failed or was terminated, or an operation was refused.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or bad input: nothing was changed.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
