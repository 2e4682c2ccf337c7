namespace Nightshift.Host.Tests.Support;

/// <summary>What one run of the <c>nightshift</c> executable produced.</summary>
internal sealed record CliResult(string[] Arguments, int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Everything about the run, for assertion messages.</summary>
    public override string ToString()
        => $"nightshift {string.Join(' ', Arguments)} → exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public CliResult ShouldSucceed()
    {
        Assert.AreEqual(0, ExitCode, ToString());
        return this;
    }
}
