namespace Nightshift.Activities.Tests.Lap;

internal static class TestDirs
{
    public static string New(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ns-lap-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static double RobustSigma(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var median = sorted[sorted.Count / 2];
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToList();
        return 1.4826 * deviations[deviations.Count / 2];
    }
}
