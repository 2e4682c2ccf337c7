using Microsoft.Data.Sqlite;
using Npgsql;
using Nightshift.Host.Cli;

namespace Nightshift.Host.Store;

/// <summary>
/// The store named by <c>--db</c>, <c>NIGHTSHIFT_DB</c> or the default, checked before anything opens it:
/// opening a SQLite file creates it, and bad input must leave the file system as it was.
/// </summary>
internal sealed record StoreLocation
{
    public const string EnvironmentVariable = "NIGHTSHIFT_DB";
    public const string DefaultFile = "nightshift.db";

    private StoreLocation(string path, string source, string given, string? connectionString = null)
    {
        Path = path;
        Source = source;
        Given = given;
        PostgresConnectionString = connectionString;
    }

    /// <summary>The full path of the SQLite file; for a PostgreSQL store, the server and database (for messages).</summary>
    public string Path { get; }

    /// <summary>The Npgsql connection string when the store is a PostgreSQL database (<c>Host=…</c>), else null.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Where the value came from, for messages: <c>--db</c>, <c>NIGHTSHIFT_DB</c> or the default.</summary>
    public string Source { get; }

    /// <summary>The value as given, for hints that repeat the command line.</summary>
    public string Given { get; }

    /// <summary>True when the user named the store (by option or environment) rather than taking the default.</summary>
    public bool IsExplicit => Source != "default";

    /// <summary>Resolves and checks the store; throws a usage error naming the problem.</summary>
    public static StoreLocation Resolve(string? option)
    {
        var environment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var (value, source) = !string.IsNullOrWhiteSpace(option) ? (option, "--db")
            : !string.IsNullOrWhiteSpace(environment) ? (environment, EnvironmentVariable)
            : (DefaultFile, "default");

        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            // A PostgreSQL server: checked for form only; the store creates its schema on first use.
            try
            {
                var settings = new NpgsqlConnectionStringBuilder(value);
                return new StoreLocation($"PostgreSQL {settings.Host}:{settings.Port}/{settings.Database}", source, value, value);
            }
            catch (ArgumentException e)
            {
                throw CommandLineException.Usage($"{source} is not a valid PostgreSQL connection string: {e.Message}");
            }
        }

        var path = value;
        if (value.Contains('=', StringComparison.Ordinal))
        {
            // A SQLite connection string ("Data Source=runs.db;..."): only the file matters to the store.
            try
            {
                path = new SqliteConnectionStringBuilder(value).DataSource;
            }
            catch (ArgumentException e)
            {
                throw CommandLineException.Usage($"{source} is neither a file path nor a valid SQLite connection string: {e.Message}");
            }

            if (string.IsNullOrWhiteSpace(path) || path == ":memory:")
            {
                throw CommandLineException.Usage($"{source} must name a SQLite file (Data Source=PATH)");
            }
        }

        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw CommandLineException.Usage($"{source} '{value}' is not a valid path: {e.Message}");
        }

        if (Directory.Exists(full))
        {
            throw CommandLineException.Usage($"{source} '{value}' is a directory; give the path of a SQLite file (for example {System.IO.Path.Combine(value, DefaultFile)})");
        }

        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw CommandLineException.Usage($"{source} '{value}': the directory '{directory}' does not exist");
        }

        return new StoreLocation(full, source, value);
    }

    /// <summary>For commands that only read or steer existing runs: a missing file is an error, not a new store.</summary>
    public StoreLocation RequireExisting()
    {
        if (PostgresConnectionString is null && !File.Exists(Path))
        {
            var hint = IsExplicit ? "" : $" (use --db or {EnvironmentVariable} to choose another store)";
            throw CommandLineException.Usage($"no store at '{Path}': the file does not exist{hint}");
        }

        return this;
    }

    /// <summary>The <c>--db</c> argument to repeat in a hint, or nothing when the default applies.</summary>
    public string HintArgument => Source == "--db" ? $" --db {Quote(Given)}" : "";

    private static string Quote(string value) => value.Contains(' ', StringComparison.Ordinal) ? $"\"{value}\"" : value;
}
