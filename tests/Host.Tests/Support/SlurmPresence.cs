namespace Nightshift.Host.Tests.Support;

/// <summary>
/// SLURM tests skip only on a machine without SLURM's commands (no <c>sinfo</c> on PATH); where <c>sinfo</c> exists, a
/// controller that does not answer fails them, so CI cannot pass them silently.
/// </summary>
internal static class SlurmPresence
{
    public static void RequireOrSkip()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator).Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "sinfo"))))
        {
            Assert.Inconclusive("sinfo is not on PATH: SLURM is not installed here, so the SLURM tests are skipped");
        }
    }
}
