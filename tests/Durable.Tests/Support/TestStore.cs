using Nightshift.Durable.Sqlite;

namespace Nightshift.Durable.Tests.Support;

/// <summary>A fresh SQLite file in a temporary directory, deleted with the directory at the end of a test.</summary>
internal sealed class TestStore : IDisposable
{
    public TestStore()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nightshift-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "nightshift.db");
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>
    /// Points a host at the store at <paramref name="path"/>. The only store-specific call of <see cref="TestHost"/>:
    /// the PostgreSQL tests link the same scenarios and TestHost with a TestStore of their own.
    /// </summary>
    public static NightshiftBuilder Use(NightshiftBuilder builder, string path) => builder.UseSqlite(path);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A worker process killed by a test may still hold the file for a moment; the temp folder is cleaned eventually.
        }
    }
}
