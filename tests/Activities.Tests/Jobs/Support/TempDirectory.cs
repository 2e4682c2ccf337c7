namespace Nightshift.Activities.Tests.Jobs.Support;

/// <summary>A directory for one test, under /tmp so SLURM (same machine) can write job logs there.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ns-jobs-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A job still writing its log; the OS cleans /tmp.
        }
    }
}
