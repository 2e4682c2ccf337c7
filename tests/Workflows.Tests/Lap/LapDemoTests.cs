using System.Text.Json;
using Nightshift.Activities.Lap;
using Nightshift.Durable;
using Nightshift.Workflows.Lap;

namespace Nightshift.Workflows.Tests.Lap;

[TestClass]
public sealed class LapDemoTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Demo_survey_recovers_injected_transients_and_reports_states_in_sql()
    {
        var dir = LapFixture.NewDirectory("demo");
        await using var host = await LapFixture.StartAsync(dir);
        var config = LapFixture.Config(dir);
        var state = await host.RunAsync(LapPipeline.Name, config, "lap-demo", TimeSpan.FromSeconds(120));
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
        var summary = JsonSerializer.Deserialize<LapSummary>(state.Output!, DurableJson.Options)!;
        TestContext.WriteLine(state.Output);

        Assert.AreEqual(2, summary.Runs.GetValueOrDefault("done"), "one run per projection cell, both done");
        Assert.IsGreaterThanOrEqualTo(20, summary.Recoverable);
        Assert.IsGreaterThanOrEqualTo(0.90, summary.RecoveryRate);
        Assert.IsLessThanOrEqualTo(0.05, summary.FalseRate);
        Assert.IsGreaterThanOrEqualTo(8, summary.StacksWritten, "every skycell of both cells is stacked");
        Assert.IsTrue(File.Exists(Path.Combine(config.OutputDirectory, "summary.json")));
        Assert.IsGreaterThan(1, File.ReadAllLines(Path.Combine(config.OutputDirectory, "transients.csv")).Length);

        // Junk and bad exposures are dropped; the companion of the bad one became private; everything else ran to full and was cleaned.
        Assert.AreEqual(2L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE data_state = 'drop' AND note = 'junk'"));
        Assert.AreEqual(2L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE data_state = 'drop' AND note LIKE 'chip bad fraction%'"));
        Assert.AreEqual(4L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE private = 1"), "one private and one orphaned companion per cell");
        Assert.AreEqual(16L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_exposures WHERE data_state = 'cleaned' AND active = 0"));
        Assert.AreEqual(2L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_runs WHERE state = 'done'"));
        Assert.AreEqual(0L, await LapFixture.CountAsync(dir, "SELECT COUNT(*) FROM lap_chips WHERE chip_runs <> 1"), "each exposure chip-processed once");
    }
}
