using System.Security.Cryptography;

namespace Nightshift.Host.Tests.Support;

/// <summary>A temporary working directory with the path of a store file in it (not created until nightshift creates it).</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nightshift-host-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "nightshift.db");
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Runs nightshift in this directory with <c>--db</c> pointing at this store.</summary>
    public Task<CliResult> RunAsync(params string[] arguments)
        => NightshiftExe.RunAsync(Directory, [.. arguments, "--db", Path]);

    /// <summary>Starts nightshift in the background on this store.</summary>
    public ChildProcess Start(params string[] arguments)
        => NightshiftExe.Start(Directory, [.. arguments, "--db", Path]);

    /// <summary>A hash of every file in the directory (the database and any -wal/-shm), by name, to prove nothing changed.</summary>
    public string Fingerprint()
    {
        var parts = System.IO.Directory.GetFiles(Directory)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{System.IO.Path.GetFileName(f)}:{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}");
        return string.Join("\n", parts);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed by a failing test may hold a file for a moment; the temp folder is cleaned eventually.
        }
    }
}
