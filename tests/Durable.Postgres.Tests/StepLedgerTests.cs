using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Activities.Steps;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Activities.Tests.Steps;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests;

/// <summary>The steps ledger on a PostgreSQL store: its schema script (003-steps.sql), reuse, undo of a changed step, reset, v_steps.</summary>
[TestClass]
public sealed class StepLedgerTests
{
    [TestMethod]
    public async Task Steps_are_reused_undone_when_changed_and_reset_on_PostgreSQL()
    {
        using var store = new TestStore();
        using var dir = new TempDirectory();
        var shared = Path.Combine(dir.Path, "shared.txt");
        StepLine Line(string key, string line) => new(key, shared, line, Path.Combine(dir.Path, key.Replace('/', '_') + ".out"));

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        TestStore.Use(builder.Services.AddNightshift(), store.Path)
            .AddSteps()
            .AddOrchestrator<StepScenario>(nameof(StepScenario))
            .AddTaskActivity<AppendLineActivity>(AppendLineActivity.Name)
            .AddTaskActivity<RemoveLineActivity>(RemoveLineActivity.Name)
            .AddDurableTask(worker: o => o.MaxPollInterval = TimeSpan.FromMilliseconds(50));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableClient>();
        async Task<OrchestrationState> RunAsync(string name, object input, string id)
        {
            await client.StartAsync(name, input, new StartOrchestrationOptions { InstanceId = id });
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            return await client.WaitForCompletionAsync(id, cts.Token);
        }

        await RunAsync(nameof(StepScenario), new StepScenarioInput("field", [Line("d1/sub", "one"), Line("d2/sub", "two")]), "pg-steps-1");
        var again = await RunAsync(nameof(StepScenario), new StepScenarioInput("field", [Line("d1/sub", "one"), Line("d2/sub", "deux")]), "pg-steps-2");
        Assert.AreEqual(OrchestrationStatus.Completed, again.Status, again.Failure?.Summary);
        CollectionAssert.AreEqual(new[] { "one", "deux" }, File.ReadAllLines(shared), "d1 reused, d2 undone then redone");
        var steps = await host.Services.GetRequiredService<StepQueries>().ListAsync("field");
        Assert.AreEqual("pg-steps-1", steps.Single(s => s.Key == "d1/sub").InstanceId);
        Assert.AreEqual("pg-steps-2", steps.Single(s => s.Key == "d2/sub").InstanceId);
        Assert.AreEqual("test.remove", await Sql.ScalarAsync(store.Path, "SELECT undo->>'activity' FROM v_steps WHERE step_key = 'd1/sub'"));

        var reset = await RunAsync(StepActivityNames.Reset, new StepSelection("field", ["d1"]), "pg-steps-reset");
        Assert.AreEqual(OrchestrationStatus.Completed, reset.Status, reset.Failure?.Summary);
        CollectionAssert.AreEqual(new[] { "deux" }, File.ReadAllLines(shared));
        Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM steps"));
        Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "d1_sub.out")));
        await host.StopAsync();
    }
}
