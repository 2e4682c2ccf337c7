namespace Nightshift.Activities.Tests.Facet;

internal static class TestDirs
{
    public static string New(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ns-facet-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
