using Microsoft.Extensions.DependencyInjection;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Kernels.Snf;
using Nightshift.Durable;
using Nightshift.Workflows.Production;
using Nightshift.Workflows.Tests.Support;

namespace Nightshift.Workflows.Tests.Production;

/// <summary>
/// Production runs through the job layer on the local backend (two kernels at a time on two cores): modes, gating of
/// target plans on their nights, isolation of test productions, keep-going, attrition, and the science at the end.
/// </summary>
[TestClass]
public sealed class ProductionScenarioTests
{
    private static string root = "";
    private static SnfTruth? truth;

    private static string Raw => Path.Combine(root, "raw");

    [ClassInitialize]
    public static void Generate(TestContext context)
    {
        _ = context;
        root = ProductionFixture.NewDirectory("data");
        truth = SnfGenerator.Generate(new SnfSurveyOptions { Nights = 10, Targets = 2, Seed = 11, BadFrameFraction = 0, NonPhotometricFraction = 0.3 }, root);
    }

    [ClassCleanup]
    public static void Cleanup() => ProductionFixture.Delete(root);

    [TestMethod]
    public async Task Full_production_runs_each_target_only_after_its_nights_and_calibrates_within_3_percent()
    {
        var dir = ProductionFixture.NewDirectory("full");
        try
        {
            await using var host = await ProductionFixture.StartAsync(dir);
            var output = Path.Combine(dir, "out");
            var config = ProductionFixture.Config(Raw, output);
            var state = await ProductionFixture.RunAsync(host, config, "full-1");
            Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ErrorMessage);
            var result = state.ReadOutputAs<ProductionResult>()!;
            Assert.AreEqual(10, result.NightsDone);
            Assert.AreEqual(2, result.TargetsDone);

            // Gating: each target's first job was recorded after the last job of every night it needs had ended.
            var jobs = await ProductionFixture.Jobs(host).ListAsync(new JobQuery { Limit = int.MaxValue });
            Assert.AreEqual((10 * 7) + (2 * 5), jobs.Count);
            Assert.IsTrue(jobs.All(j => j.State == JobState.Completed));
            foreach (var target in truth!.Targets)
            {
                var first = jobs.Where(j => j.InstanceId == $"full-1:target:{target.Name}").Min(j => j.CreatedAt);
                foreach (var night in target.Epochs.Select(e => e.Night).Distinct())
                {
                    var last = jobs.Where(j => j.InstanceId == $"full-1:night:{night}").Max(j => j.EndedAt!.Value);
                    Assert.IsTrue(first >= last, $"{target.Name} started at {first:O}, before night {night} ended at {last:O}");
                }
            }

            // Night status as registered: the cloudy nights are flagged.
            var nights = await Sql.RowsAsync(host.StorePath, "SELECT night, status, photometric FROM production_nights WHERE name = 'main' ORDER BY night");
            Assert.AreEqual(10, nights.Count);
            foreach (var row in nights)
            {
                var expected = truth.Nights.Single(n => n.Night == (string)row["night"]!).Photometric;
                Assert.AreEqual("done", row["status"]);
                Assert.AreEqual(expected ? 1L : 0L, row["photometric"], $"night {row["night"]}");
            }

            // Science: calibrated supernova fluxes on photometric nights within 3 % of the truth.
            var layout = ProductionFixture.Layout(Raw, output, config);
            var compared = 0;
            foreach (var target in truth.Targets)
            {
                var spectra = SnfLayout.Read<TargetSpectra>(layout.Spectra(target.Name)).Epochs.ToDictionary(e => e.Id);
                var peak = target.Epochs.Max(e => e.Flux.Sum());
                foreach (var epoch in target.Epochs.Where(e => !e.Reference && e.Flux.Sum() >= 0.3 * peak && truth.Nights.Single(n => n.Night == e.Night).Photometric))
                {
                    var error = (spectra[epoch.Id].Flux.Sum() / epoch.Flux.Sum()) - 1;
                    Assert.IsTrue(Math.Abs(error) < 0.03, $"{target.Name} {epoch.Id}: {error:P2}");
                    compared++;
                }
            }

            Assert.IsTrue(compared >= 2, $"only {compared} epochs compared");

            // Expected against registered outputs: consistent; a registered file deleted from disk is reported.
            var check = await ProductionFixture.Productions(host).CheckAsync("main");
            Assert.IsTrue(check.Consistent, string.Join("; ", check.NotRegistered.Concat(check.MissingOnDisk)));
            Assert.AreEqual(80, check.Jobs);
            var victim = layout.LightCurve(truth.Targets[0].Name);
            File.Delete(victim);
            check = await ProductionFixture.Productions(host).CheckAsync("main");
            CollectionAssert.AreEqual(new[] { victim }, check.MissingOnDisk.ToArray());
        }
        finally
        {
            ProductionFixture.Delete(dir);
        }
    }

    [TestMethod]
    public async Task Incremental_runs_only_new_nights_twice_does_nothing_and_flux_waits_for_every_night()
    {
        var dir = ProductionFixture.NewDirectory("incr");
        try
        {
            // The first six nights have been observed; the same seed later gives the same six and four more.
            var data = Path.Combine(dir, "data");
            var options = new SnfSurveyOptions { Nights = 10, Targets = 2, Seed = 11, BadFrameFraction = 0, NonPhotometricFraction = 0.3 };
            SnfGenerator.Generate(options with { WriteNights = 6 }, data);
            var raw = Path.Combine(data, "raw");
            var output = Path.Combine(dir, "out");
            await using var host = await ProductionFixture.StartAsync(dir);
            var queries = ProductionFixture.Jobs(host);

            var first = (await ProductionFixture.RunAsync(host, ProductionFixture.Config(raw, output, "incremental"), "incr-1")).ReadOutputAs<ProductionResult>()!;
            Assert.AreEqual(6, first.NightsRun.Count);
            Assert.AreEqual(6 * 7, (await queries.ListAsync(new JobQuery { Limit = int.MaxValue })).Count);

            var again = await ProductionFixture.RunAsync(host, ProductionFixture.Config(raw, output, "incremental"), "incr-2");
            Assert.AreEqual(OrchestrationStatus.Completed, again.Status, again.Failure?.ErrorMessage);
            Assert.AreEqual(0, again.ReadOutputAs<ProductionResult>()!.NightsRun.Count);
            Assert.AreEqual(6, again.ReadOutputAs<ProductionResult>()!.NightsSkipped.Count);
            Assert.AreEqual(6 * 7, (await queries.ListAsync(new JobQuery { Limit = int.MaxValue })).Count, "the second run launched no job");

            // The other four nights arrive. Every target's final reference night is among them, not done yet:
            // a flux production blocks every target rather than run it on part of its nights.
            SnfGenerator.Generate(options, data);
            var blocked = await ProductionFixture.RunAsync(host, ProductionFixture.Config(raw, output, "flux"), "flux-1");
            Assert.AreEqual(OrchestrationStatus.Completed, blocked.Status, blocked.Failure?.ErrorMessage);
            Assert.AreEqual(2, blocked.ReadOutputAs<ProductionResult>()!.TargetsBlocked.Count);
            Assert.AreEqual(0, blocked.ReadOutputAs<ProductionResult>()!.TargetsDone);
            Assert.AreEqual(2L, await Sql.CountAsync(host.StorePath, "SELECT COUNT(*) FROM production_targets WHERE status = 'blocked'"));

            var third = (await ProductionFixture.RunAsync(host, ProductionFixture.Config(raw, output, "incremental"), "incr-3")).ReadOutputAs<ProductionResult>()!;
            CollectionAssert.AreEqual(truth!.Nights.Skip(6).Select(n => n.Night).ToArray(), third.NightsRun.ToArray());
            Assert.AreEqual(10 * 7, (await queries.ListAsync(new JobQuery { Limit = int.MaxValue })).Count);

            var flux = await ProductionFixture.RunAsync(host, ProductionFixture.Config(raw, output, "flux"), "flux-2");
            Assert.AreEqual(OrchestrationStatus.Completed, flux.Status, flux.Failure?.ErrorMessage);
            Assert.AreEqual(2, flux.ReadOutputAs<ProductionResult>()!.TargetsDone);
            Assert.AreEqual(0, flux.ReadOutputAs<ProductionResult>()!.NightsRun.Count);
            Assert.AreEqual((10 * 7) + (2 * 5), (await queries.ListAsync(new JobQuery { Limit = int.MaxValue })).Count, "flux ran target plans only");
            Assert.IsTrue((await ProductionFixture.Productions(host).CheckAsync("main")).Consistent);

            // An operator deletes one plan's job (its outputs and record) and runs the production again on that night:
            // only that night's chain and the targets observed on it run.
            var night = truth.Nights[0].Night;
            var layout = new SnfLayout(raw, ProductionFixture.Config(raw, output).Key.Directory(output));
            var deleted = await host.Services.GetRequiredService<JobCleanup>().DeleteAsync([$"incr-1:night:{night}/cube_generation/1"]);
            Assert.AreEqual(JobDeletionResult.Deleted, deleted[0].Result, string.Join("; ", deleted[0].Problems));
            Assert.IsFalse(Directory.Exists(layout.Cubes(night)));
            Assert.IsFalse((await ProductionFixture.Productions(host).CheckAsync("main")).Consistent, "registered cubes are gone from disk");
            var redo = ProductionFixture.Config(raw, output);
            redo.Nights = [night];
            var redone = await ProductionFixture.RunAsync(host, redo, "redo-1");
            Assert.AreEqual(OrchestrationStatus.Completed, redone.Status, redone.Failure?.ErrorMessage);
            CollectionAssert.AreEqual(new[] { night }, redone.ReadOutputAs<ProductionResult>()!.NightsRun.ToArray());
            Assert.AreEqual(truth.Targets.Count(t => t.Epochs.Any(e => e.Night == night)), redone.ReadOutputAs<ProductionResult>()!.TargetsDone);
            Assert.IsTrue(Directory.Exists(layout.Cubes(night)));
            Assert.IsTrue((await ProductionFixture.Productions(host).CheckAsync("main")).Consistent);
        }
        finally
        {
            ProductionFixture.Delete(dir);
        }
    }

    [TestMethod]
    public async Task Test_production_does_not_read_or_touch_the_main_one_and_no_register_writes_no_rows()
    {
        var dir = ProductionFixture.NewDirectory("iso");
        try
        {
            await using var host = await ProductionFixture.StartAsync(dir);
            var output = Path.Combine(dir, "out");
            var nights = truth!.Nights.Take(2).Select(n => n.Night).ToList();
            var main = ProductionFixture.Config(Raw, output, "incremental");
            main.Nights = nights;
            Assert.AreEqual(OrchestrationStatus.Completed, (await ProductionFixture.RunAsync(host, main, "main-1")).Status);
            var mainDir = main.Key.Directory(output);
            var before = Snapshot(mainDir);
            var rowsBefore = await Sql.RowsAsync(host.StorePath, "SELECT * FROM production_nights ORDER BY night");

            // Alice's test production (output version 2) runs the same nights itself: it does not see main's results.
            var alice = ProductionFixture.Config(Raw, output, "incremental", name: "alice", outputVersion: 2);
            alice.Nights = nights;
            var state = await ProductionFixture.RunAsync(host, alice, "alice-1");
            Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ErrorMessage);
            Assert.AreEqual(2, state.ReadOutputAs<ProductionResult>()!.NightsRun.Count);
            Assert.IsTrue(Directory.Exists(Path.Combine(alice.Key.Directory(output), "nights", nights[0], "cubes")));
            CollectionAssert.AreEqual(before, Snapshot(mainDir), "main's files are untouched");
            var mainRows = await Sql.RowsAsync(host.StorePath, "SELECT * FROM production_nights WHERE name = 'main' ORDER BY night");
            Assert.AreEqual(rowsBefore.Count, mainRows.Count);
            for (var i = 0; i < mainRows.Count; i++)
            {
                CollectionAssert.AreEquivalent(rowsBefore[i], mainRows[i], "main's rows are untouched");
            }

            Assert.AreEqual(2L, await Sql.CountAsync(host.StorePath, "SELECT COUNT(*) FROM production_nights WHERE name = 'alice' AND output_version = 2"));

            // --no-register: outputs on disk, nothing in the shared tables; running it again finds its nights done.
            var quiet = ProductionFixture.Config(Raw, output, "incremental", name: "bob", outputVersion: 3);
            quiet.Nights = [nights[0]];
            quiet.NoRegister = true;
            Assert.AreEqual(OrchestrationStatus.Completed, (await ProductionFixture.RunAsync(host, quiet, "bob-1")).Status);
            Assert.IsTrue(File.Exists(Path.Combine(quiet.Key.Directory(output), "nights", nights[0], "psf.json")));
            foreach (var table in new[] { "productions", "production_nights", "production_targets", "production_outputs" })
            {
                Assert.AreEqual(0L, await Sql.CountAsync(host.StorePath, $"SELECT COUNT(*) FROM {table} WHERE name = 'bob'"), table);
            }

            var quietAgain = await ProductionFixture.RunAsync(host, quiet, "bob-2");
            Assert.AreEqual(0, quietAgain.ReadOutputAs<ProductionResult>()!.NightsRun.Count);
        }
        finally
        {
            ProductionFixture.Delete(dir);
        }
    }

    [TestMethod]
    public async Task Keep_going_runs_past_a_failed_plan_and_without_it_the_run_stops_at_the_first()
    {
        var dir = ProductionFixture.NewDirectory("keep");
        try
        {
            // A copy of three nights with one raw frame of the first lost: its file_quality fails.
            var raw = Path.Combine(dir, "raw");
            var nights = truth!.Nights.Take(3).Select(n => n.Night).ToList();
            Directory.CreateDirectory(raw);
            foreach (var file in Directory.GetFiles(Raw))
            {
                File.Copy(file, Path.Combine(raw, Path.GetFileName(file)));
            }

            foreach (var night in nights)
            {
                Directory.CreateDirectory(Path.Combine(raw, night));
                foreach (var file in Directory.GetFiles(Path.Combine(Raw, night)))
                {
                    File.Copy(file, Path.Combine(raw, night, Path.GetFileName(file)));
                }
            }

            var lost = Path.Combine(raw, nights[0], truth.Nights[0].Exposures[1].Id + ".fits");
            File.Delete(lost);
            var output = Path.Combine(dir, "out");
            await using var host = await ProductionFixture.StartAsync(dir);

            var keep = ProductionFixture.Config(raw, output, "incremental", name: "keep");
            keep.KeepGoing = true;
            var kept = await ProductionFixture.RunAsync(host, keep, "keep-1");
            Assert.AreEqual(OrchestrationStatus.Failed, kept.Status);
            StringAssert.Contains(kept.Failure!.ErrorMessage, "kept going");
            StringAssert.Contains(kept.Failure.ErrorMessage, $"night {nights[0]} file_quality");
            var keptRows = await Sql.RowsAsync(host.StorePath, "SELECT night, status, failed_plan FROM production_nights WHERE name = 'keep' ORDER BY night");
            CollectionAssert.AreEqual(new[] { "failed", "done", "done" }, keptRows.Select(r => (string)r["status"]!).ToArray());
            Assert.AreEqual("file_quality", keptRows[0]["failed_plan"]);

            // Attrition of the failed night's jobs: one failed, with the missing file in its stderr.
            var attrition = await ProductionFixture.Jobs(host).AttritionAsync($"keep-1:night:{nights[0]}");
            Assert.AreEqual(1, attrition.Expected);
            Assert.AreEqual(1, attrition.Failed);
            Assert.AreEqual(0, attrition.Missing);
            StringAssert.Contains(attrition.Failures[0].StderrTail, lost);
            Assert.AreEqual(1, attrition.Failures[0].ExitCode);

            var stop = ProductionFixture.Config(raw, output, "incremental", name: "stop");
            var stopped = await ProductionFixture.RunAsync(host, stop, "stop-1");
            Assert.AreEqual(OrchestrationStatus.Failed, stopped.Status);
            StringAssert.Contains(stopped.Failure!.ErrorMessage, $"stopped at the first failed plan: night {nights[0]} file_quality");
            var stopRows = await Sql.RowsAsync(host.StorePath, "SELECT night, status FROM production_nights WHERE name = 'stop' ORDER BY night");
            Assert.AreEqual("failed", stopRows[0]["status"]);
            Assert.IsTrue(stopRows.Skip(1).Any(r => (string)r["status"]! == "stopped"), $"another night was stopped: {string.Join(", ", stopRows.Select(r => r["status"]))}");
            var stopJobs = await ProductionFixture.Jobs(host).ListAsync(new JobQuery { Limit = int.MaxValue });
            Assert.IsTrue(stopJobs.Count(j => j.InstanceId.StartsWith("stop-1", StringComparison.Ordinal)) < stopJobs.Count(j => j.InstanceId.StartsWith("keep-1", StringComparison.Ordinal)));
            Assert.AreEqual("failed", await Sql.ScalarAsync(host.StorePath, "SELECT status FROM productions WHERE name = 'stop'"));
        }
        finally
        {
            ProductionFixture.Delete(dir);
        }
    }

    [TestMethod]
    public async Task Production_resumes_after_its_worker_stops_without_completing_a_plan_twice()
    {
        var dir = ProductionFixture.NewDirectory("restart");
        try
        {
            var output = Path.Combine(dir, "out");
            var config = ProductionFixture.Config(Raw, output, "incremental");
            config.Nights = truth!.Nights.Take(3).Select(n => n.Night).ToList();
            await using (var first = await ProductionFixture.StartAsync(dir))
            {
                await first.Client.StartAsync(ProductionPipeline.Name, config, new StartOrchestrationOptions { InstanceId = "restart-1" });
                await TestHost.WaitUntilAsync(
                    async () => (await ProductionFixture.Jobs(first).ListAsync(new JobQuery { States = [JobState.Completed], Limit = int.MaxValue })).Count >= 6,
                    "six plans completed", TimeSpan.FromMinutes(2));
                await first.StopAsync();
            }

            await using var second = await ProductionFixture.StartAsync(dir);
            var state = await second.WaitAsync("restart-1", TimeSpan.FromMinutes(3));
            Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ErrorMessage);
            Assert.AreEqual(3, state.ReadOutputAs<ProductionResult>()!.NightsDone);
            var completed = await ProductionFixture.Jobs(second).ListAsync(new JobQuery { States = [JobState.Completed], Limit = int.MaxValue });
            Assert.AreEqual(3 * 7, completed.Count, "every plan completed once");
            Assert.AreEqual(3 * 7, completed.Select(j => (j.InstanceId, j.Step)).Distinct().Count());
        }
        finally
        {
            ProductionFixture.Delete(dir);
        }
    }

    private static string[] Snapshot(string directory)
        => Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {File.GetLastWriteTimeUtc(f):O} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}").ToArray();
}
