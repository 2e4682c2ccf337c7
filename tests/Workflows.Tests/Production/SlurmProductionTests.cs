using System.Diagnostics;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Kernels.Snf;
using Nightshift.Durable;
using Nightshift.Workflows.Production;
using Nightshift.Workflows.Tests.Support;

namespace Nightshift.Workflows.Tests.Production;

/// <summary>
/// A 50-night, 100-target full production through the real single-node SLURM of infra/slurm: 850 plan jobs
/// (350 night plans, 500 target plans) submitted as job arrays. Skipped only when <c>sinfo</c> is not installed;
/// a SLURM that is installed but down fails the test.
/// </summary>
[TestClass]
public sealed class SlurmProductionTests
{
    [TestMethod]
    [TestCategory("Slow")]
    [Timeout(30 * 60 * 1000, CooperativeCancellation = true)]
    public async Task Fifty_nights_and_a_hundred_targets_through_slurm()
    {
        if (!OnPath("sinfo"))
        {
            Assert.Inconclusive("sinfo is not installed: no SLURM on this machine");
        }

        var dir = ProductionFixture.NewDirectory("slurm");
        try
        {
            var truth = SnfGenerator.Generate(new SnfSurveyOptions { Nights = 50, Targets = 100, Seed = 2026 }, Path.Combine(dir, "data"));
            var raw = Path.Combine(dir, "data", "raw");
            var output = Path.Combine(dir, "out");
            await using var host = await ProductionFixture.StartAsync(dir, slurm: true);
            var config = ProductionFixture.Config(raw, output);
            config.Backend = "slurm";
            var clock = Stopwatch.StartNew();
            var state = await ProductionFixture.RunAsync(host, config, "slurm-50x100", TimeSpan.FromMinutes(25));
            clock.Stop();
            Console.WriteLine($"50 nights x 100 targets through SLURM: {clock.Elapsed.TotalSeconds:F0} s");
            Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ErrorMessage);
            var result = state.ReadOutputAs<ProductionResult>()!;
            Assert.AreEqual(50, result.NightsDone);
            Assert.AreEqual(100, result.TargetsDone);

            var jobs = await ProductionFixture.Jobs(host).ListAsync(new JobQuery { Limit = int.MaxValue });
            Assert.AreEqual(850, jobs.Count);
            Assert.IsTrue(jobs.All(j => j.Backend == "slurm" && j.State == JobState.Completed));
            var arrays = (await Sql.RowsAsync(host.StorePath, "SELECT DISTINCT batch_name FROM jobs")).Count;
            Console.WriteLine($"{arrays} sbatch submissions (job arrays) for 850 jobs");
            // Chains reach each plan at their own pace, so arrays are small (a few tasks), but never one sbatch per job.
            Assert.IsTrue(arrays <= 850 / 3, $"{arrays} submissions: jobs were not grouped into arrays");
            foreach (var target in truth.Targets)
            {
                var first = jobs.Where(j => j.InstanceId == $"slurm-50x100:target:{target.Name}").Min(j => j.CreatedAt);
                var last = target.Epochs.Select(e => e.Night).Distinct()
                    .Max(n => jobs.Where(j => j.InstanceId == $"slurm-50x100:night:{n}").Max(j => j.EndedAt!.Value));
                Assert.IsTrue(first >= last, $"{target.Name} started before its last night ended");
            }

            var flags = await Sql.RowsAsync(host.StorePath, "SELECT night, photometric FROM production_nights");
            foreach (var row in flags)
            {
                Assert.AreEqual(truth.Nights.Single(n => n.Night == (string)row["night"]!).Photometric ? 1L : 0L, row["photometric"], $"night {row["night"]}");
            }

            var layout = ProductionFixture.Layout(raw, output, config);
            var errors = new List<double>();
            foreach (var target in truth.Targets)
            {
                var spectra = SnfLayout.Read<TargetSpectra>(layout.Spectra(target.Name)).Epochs.ToDictionary(e => e.Id);
                var peak = target.Epochs.Max(e => e.Flux.Sum());
                errors.AddRange(target.Epochs
                    .Where(e => e.Bad is null && !e.Reference && e.Flux.Sum() >= 0.3 * peak && truth.Nights.Single(n => n.Night == e.Night).Photometric)
                    .Select(e => Math.Abs((spectra[e.Id].Flux.Sum() / e.Flux.Sum()) - 1)));
            }

            errors.Sort();
            Console.WriteLine($"{errors.Count} photometric epochs: median |error| {errors[errors.Count / 2]:P2}, largest {errors[^1]:P2}");
            Assert.IsTrue(errors.Count(e => e < 0.03) >= 0.95 * errors.Count, $"{errors.Count(e => e >= 0.03)} of {errors.Count} epochs off by 3 % or more");
            Assert.IsTrue(errors[errors.Count / 2] < 0.01, $"median error {errors[errors.Count / 2]:P2}");

            var check = await ProductionFixture.Productions(host).CheckAsync("main");
            Assert.IsTrue(check.Consistent);
            Assert.AreEqual(850, check.Jobs);
        }
        finally
        {
            ProductionFixture.Delete(dir);
        }
    }

    private static bool OnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));
}
