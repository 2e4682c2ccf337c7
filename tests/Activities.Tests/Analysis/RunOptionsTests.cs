using Nightshift.Activities.Kernels.Analysis;

namespace Nightshift.Activities.Tests.Analysis;

[TestClass]
public sealed class RunOptionsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Options_merge_defaults_site_executor_user_file_and_command_line_and_record_where_each_came_from()
    {
        var file = Path.Combine(AnalysisDemo.NewDirectory("options"), "opts.yaml");
        File.WriteAllText(file, "chunksize: 20000\nscaleout: 40\nskip-bad-files: true\nqueue: long\n");
        var merged = RunOptionsMerger.Merge("slurm@local", file, new Dictionary<string, string> { ["scaleout"] = "8", ["limit-files"] = "2" });
        TestContext.WriteLine(merged.Format());

        Assert.AreEqual(("slurm@local", "command line"), (merged["executor"].Value, merged["executor"].Source));
        Assert.AreEqual(("20", "default"), (merged["tree-reduction"].Value, merged["tree-reduction"].Source));
        Assert.AreEqual(("3", "site local"), (merged["retries"].Value, merged["retries"].Source));
        Assert.AreEqual(("2GB", "site local"), (merged["mem-per-worker"].Value, merged["mem-per-worker"].Source));
        Assert.AreEqual(($"run-options {file}"), merged["chunksize"].Source, "the user file overrides the executor's 50000");
        Assert.AreEqual(("long", $"run-options {file}"), (merged["queue"].Value, merged["queue"].Source));
        Assert.AreEqual(("8", "command line"), (merged["scaleout"].Value, merged["scaleout"].Source), "the flag overrides the file's 40");
        Assert.AreEqual(("2", "command line"), (merged["limit-files"].Value, merged["limit-files"].Source));
        Assert.AreEqual(new AnalysisRunOptions
        {
            Executor = "slurm@local",
            ChunkSize = 20_000,
            LimitFiles = 2,
            Retries = 3,
            SkipBadFiles = true,
            TreeReduction = 20,
            Scaleout = 8,
            Queue = "long",
            MemPerWorker = "2GB",
            Walltime = "01:00:00",
        }, merged.Options);
    }

    [TestMethod]
    public void Executor_layer_overrides_the_defaults_and_test_means_iterative_one_file_one_chunk()
    {
        var condor = RunOptionsMerger.Merge("condor@local", null, new Dictionary<string, string>());
        Assert.AreEqual(("50000", "executor condor@local"), (condor["chunksize"].Value, condor["chunksize"].Source));
        Assert.AreEqual(("10", "executor condor@local"), (condor["scaleout"].Value, condor["scaleout"].Source));

        var test = RunOptionsMerger.Merge(null, null, new Dictionary<string, string> { ["test"] = "true", ["limit-chunks"] = "3" });
        Assert.AreEqual("iterative", test.Options.Executor);
        Assert.AreEqual("command line (--test)", test["executor"].Source);
        Assert.AreEqual((1, 3), (test.Options.LimitFiles, test.Options.LimitChunks), "an explicit -lc wins over --test");
        Assert.AreEqual(("100000", "default"), (test["chunksize"].Value, test["chunksize"].Source));
    }

    [TestMethod]
    public void A_bad_run_options_value_or_key_names_the_file_and_key()
    {
        var file = Path.Combine(AnalysisDemo.NewDirectory("badoptions"), "opts.yaml");
        File.WriteAllText(file, "chunksize: many\n");
        var error = Assert.ThrowsExactly<AnalysisConfigException>(() => RunOptionsMerger.Merge("futures", file, new Dictionary<string, string>()));
        Assert.AreEqual((file, "chunksize"), (error.File, error.Key));

        File.WriteAllText(file, "chunk-size: 10\n");
        error = Assert.ThrowsExactly<AnalysisConfigException>(() => RunOptionsMerger.Merge("futures", file, new Dictionary<string, string>()));
        Assert.AreEqual((file, "chunk-size"), (error.File, error.Key));

        error = Assert.ThrowsExactly<AnalysisConfigException>(() => RunOptionsMerger.Merge("dask@lxplus", null, new Dictionary<string, string>()));
        Assert.AreEqual(("command line", "executor"), (error.File, error.Key));
    }
}
