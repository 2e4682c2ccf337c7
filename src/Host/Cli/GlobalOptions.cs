using System.CommandLine;
using Nightshift.Host.Store;

namespace Nightshift.Host.Cli;

/// <summary>Options that every command accepts (declared once on the root, recursively).</summary>
internal static class GlobalOptions
{
    public static Option<string?> Db { get; } = new("--db")
    {
        Description = $"The store: a SQLite file path (or a SQLite connection string), or a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...; tables in schema nightshift). Default: ${StoreLocation.EnvironmentVariable}, else {StoreLocation.DefaultFile} in the working directory.",
        HelpName = "PATH|CONNECTION-STRING",
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log at Information level instead of Warning (logs go to stderr).",
        Recursive = true,
    };
}
