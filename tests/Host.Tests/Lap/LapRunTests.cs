using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Lap;

/// <summary><c>nightshift run lap</c> and <c>nightshift kernel</c> as an operator types them.</summary>
[TestClass]
public sealed class LapRunTests
{
    [TestMethod]
    public async Task Run_lap_demo_writes_stacks_differences_and_the_catalogue_and_prints_the_summary()
    {
        using var store = new TempStore();

        var result = (await NightshiftExe.RunAsync(store.Directory, ["run", "lap", "--demo", "--id", "lap-demo", "--db", store.Path], timeout: TimeSpan.FromMinutes(3)))
            .ShouldSucceed();

        Assert.Contains("runs:        2 (done 2)", result.Stdout, result.ToString());
        StringAssert.Matches(result.Stdout, new System.Text.RegularExpressions.Regex(@"transients:  (\d+) of \1 recoverable injected transients detected"), result.ToString());
        Assert.Contains("stacks:      8 written, 0 faulted", result.Stdout, result.ToString());
        var output = LapOutputs.Output(store);
        Assert.Contains(output, result.Stdout, "the summary says where the products are");

        // Products: one stack per skycell of both cells, and every final difference with its catalogue.
        var products = LapOutputs.Products(store);
        Assert.HasCount(8, products.Where(p => p.StartsWith("stacks", StringComparison.Ordinal) && p.EndsWith("var.fits", StringComparison.Ordinal)).ToList(), string.Join("\n", products));
        var finals = products.Where(p => p.Contains($"{Path.DirectorySeparatorChar}final{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && p.EndsWith(".cat.csv", StringComparison.Ordinal)).ToList();
        var summary = LapOutputs.Summary(store);
        Assert.AreEqual(summary.GetProperty("diffs").GetInt32(), finals.Count, "one catalogue per final difference");
        var catalogue = await File.ReadAllLinesAsync(Path.Combine(output, "transients.csv"));
        Assert.AreEqual("lap_id,science,template,skycell,x,y,ra,dec,flux,flux_err,significance,match_exposure", catalogue[0]);
        Assert.AreEqual(summary.GetProperty("detections").GetInt32(), catalogue.Length - 1, "the catalogue holds every detection");
        Assert.IsGreaterThanOrEqualTo(0.9, summary.GetProperty("recoveryRate").GetDouble());

        // The ledger sits in the store file, next to the instances; the run's directories are stored absolute.
        Assert.AreEqual(2L, await StoreViews.CountAsync(store.Path, "SELECT COUNT(*) FROM lap_runs WHERE state = 'done'"));
        Assert.AreEqual(20L, await StoreViews.CountAsync(store.Path, "SELECT COUNT(*) FROM lap_exposures"));
        var input = StoreViews.Json((await StoreViews.InstanceAsync(store.Path, "lap-demo"))!.Input);
        Assert.AreEqual(output, input.GetProperty("outputDirectory").GetString());
    }

    [TestMethod]
    public async Task Run_lap_with_an_unknown_executor_exits_2_naming_the_field_and_creates_nothing()
    {
        using var store = new TempStore();

        var result = await store.RunAsync("run", "lap", "--executor", "bogus");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("executor must be one of inproc, slurm, local, not 'bogus'", result.StderrLines[0]);
        Assert.IsFalse(File.Exists(store.Path), "bad input leaves no store behind");
        Assert.IsFalse(Directory.Exists(LapOutputs.Output(store)));
    }

    [TestMethod]
    public async Task Run_lap_demo_with_input_is_a_usage_error()
    {
        using var store = new TempStore();

        var result = await store.RunAsync("run", "lap", "--demo", "--input", "{}");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("--demo", result.StderrLines[0]);
    }

    [TestMethod]
    public async Task Kernel_unknown_exits_2_naming_it_and_the_known_kernels()
    {
        using var store = new TempStore();

        var result = await NightshiftExe.RunAsync(store.Directory, ["kernel", "lap-nope", "--x", "1"]);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("unknown kernel 'lap-nope'", result.StderrLines[0]);
        Assert.Contains("lap-chip", result.StderrLines[0]);
    }

    [TestMethod]
    public async Task Kernel_listing_shows_the_LAP_kernels_and_a_kernel_shows_its_own_usage()
    {
        using var store = new TempStore();

        var listing = (await NightshiftExe.RunAsync(store.Directory, ["kernel"])).ShouldSucceed();
        foreach (var name in new[] { "lap-chip", "lap-warp", "lap-stack", "lap-diff", "lap-magic", "checksum" })
        {
            Assert.Contains(name, listing.Stdout, listing.ToString());
        }

        var help = (await NightshiftExe.RunAsync(store.Directory, ["kernel", "lap-stack", "--help"])).ShouldSucceed();
        Assert.Contains("usage: nightshift kernel lap-stack --input IMAGE", help.Stdout, help.ToString());
    }

    [TestMethod]
    public async Task Kernel_with_bad_arguments_exits_2_and_one_that_fails_exits_with_its_fault_class()
    {
        using var store = new TempStore();

        var bad = await NightshiftExe.RunAsync(store.Directory, ["kernel", "lap-diff", "--science", "a.fits", "--result", "r.json"]);
        Assert.AreEqual(2, bad.ExitCode, bad.ToString());
        Assert.Contains("give --science, --template and --output once per difference", bad.Stderr);

        // An unreadable input is a data fault (class 5): exit 15, which the run holds for an operator's revert.
        var missing = Path.Combine(store.Directory, "nowhere", "raw.fits");
        var failed = await NightshiftExe.RunAsync(store.Directory,
            ["kernel", "lap-stack", "--input", missing, "--min-inputs", "1", "--output", Path.Combine(store.Directory, "s"), "--result", Path.Combine(store.Directory, "r.json")]);
        Assert.AreEqual(15, failed.ExitCode, failed.ToString());
        Assert.Contains("fault 5: lap-stack:", failed.Stderr);
        Assert.Contains("raw.fits", failed.Stderr, "the reason names the file");
        Assert.IsFalse(File.Exists(Path.Combine(store.Directory, "r.json")), "no result from a failed kernel");
    }
}
