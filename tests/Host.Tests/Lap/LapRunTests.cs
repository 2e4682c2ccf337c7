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
        Assert.AreEqual((long)summary.GetProperty("diffs").GetInt32(), await StoreViews.CountAsync(store.Path, "SELECT SUM(final_diffs) FROM v_lap_runs"));
        Assert.AreEqual((long)summary.GetProperty("detections").GetInt32(), await StoreViews.CountAsync(store.Path, "SELECT SUM(detections) FROM v_lap_runs"));
        Assert.AreEqual(0L, await StoreViews.CountAsync(store.Path, "SELECT COUNT(*) FROM v_lap_exposures WHERE chip_runs > 1 OR warp_runs > 1"));
        var input = StoreViews.Json((await StoreViews.InstanceAsync(store.Path, "lap-demo"))!.Input);
        Assert.AreEqual(output, input.GetProperty("outputDirectory").GetString());
    }

    [TestMethod]
    [TestCategory("Slow")]
    public async Task System_fault_under_the_batch_executor_resubmits_the_job_and_the_run_finishes()
    {
        using var store = new TempStore();
        var input = """
            {"survey": {"projectionCellCount": 1}, "retrySeconds": 0.05, "executor": "local",
             "injections": [{"stage": "warp", "target": "o0005", "fault": 2, "times": 2}]}
            """;

        var result = (await NightshiftExe.RunAsync(store.Directory, ["run", "lap", "--input", input, "--id", "lap-retry", "--db", store.Path], timeout: TimeSpan.FromMinutes(4)))
            .ShouldSucceed();

        Assert.Contains("runs:        1 (done 1)", result.Stdout, result.ToString());
        Assert.AreEqual(3L, await StoreViews.CountAsync(store.Path, "SELECT hits FROM lap_injections WHERE target = 'o0005'"), "two faults, then success");
        var jobs = await StoreViews.CountAsync(store.Path, "SELECT COUNT(*) FROM jobs WHERE step IN ('warp-o0005', 'warp-o0005-2', 'warp-o0005-3') AND state = 'completed'");
        Assert.AreEqual(3L, jobs, "one job per try, each under its own step name");
        Assert.AreEqual(1L, await StoreViews.CountAsync(store.Path, "SELECT warp_runs FROM lap_chips WHERE exp_name = 'o0005'"), "only the accepted result is recorded");
        Assert.AreEqual(0L, await StoreViews.CountAsync(store.Path, "SELECT COUNT(*) FROM lap_exposures WHERE fault <> 0"));
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
