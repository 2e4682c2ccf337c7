using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Production;

/// <summary>
/// A production through the launcher on the local backend: the worker of <c>nightshift run</c> hosts the job monitor and
/// the jobs run <c>nightshift kernel snf.*</c>; then <c>nightshift production check</c> on what it registered.
/// </summary>
[TestClass]
public sealed class ProductionRunTests
{
    [TestMethod]
    public async Task Run_production_from_a_config_file_then_check_and_rerun_incrementally()
    {
        using var store = new TempStore();
        var config = Path.Combine(store.Directory, "prod.yaml");
        await File.WriteAllTextAsync(config, $"""
            name: main
            mode: incremental
            raw: {Path.Combine(store.Directory, "data", "raw")}
            output: {Path.Combine(store.Directory, "productions")}
            nights: [20240101, 20240105]
            generate: {"{"}nights: 8, targets: 1, seed: 5{"}"}
            """);
        var run = await store.RunAsync("run", "production", "--config", config, "--id", "prod-1");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(store.Directory, "productions", "SNF-02-03", "main.0", "nights", "20240105", "psf.json")));

        var check = await store.RunAsync("production", "check", "main");
        Assert.AreEqual(0, check.ExitCode, check.ToString());
        Assert.Contains("14 completed jobs, 14 expected outputs", check.Stdout);
        Assert.Contains("consistent", check.Stdout);

        // The same nights again through 'production run': nothing left to do, no job launched.
        var again = await store.RunAsync("production", "run", "--config", config, "--id", "prod-2", "--json");
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        Assert.Contains("\"nightsRun\": []", again.Stdout);

        File.Delete(Path.Combine(store.Directory, "productions", "SNF-02-03", "main.0", "nights", "20240101", "quality.json"));
        var broken = await store.RunAsync("production", "check", "main");
        Assert.AreEqual(1, broken.ExitCode, broken.ToString());
        Assert.Contains("registered but missing on disk: ", broken.Stdout);
        Assert.Contains("quality.json", broken.Stdout);
    }
}
