using Microsoft.Data.Sqlite;
using Nightshift.Activities.Steps;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Durable;

namespace Nightshift.Activities.Tests.Steps;

[TestClass]
public sealed class StepLedgerTests
{
    [TestMethod]
    public async Task A_step_with_the_same_input_returns_the_recorded_result_without_running_again_even_in_a_new_instance()
    {
        using var dir = new TempDirectory();
        await using var host = await StepsHost.StartAsync(dir.Path);
        var input = Scenario(dir.Path, ("a", "alpha"), ("b", "beta"));

        var first = await host.RunAsync(nameof(StepScenario), input, "first");
        var second = await host.RunAsync(nameof(StepScenario), input, "second");

        CollectionAssert.AreEqual(new[] { "ALPHA", "BETA" }, first.ReadOutputAs<List<string>>());
        CollectionAssert.AreEqual(new[] { "ALPHA", "BETA" }, second.ReadOutputAs<List<string>>());
        CollectionAssert.AreEqual(new[] { "alpha", "beta" }, File.ReadAllLines(Shared(dir.Path)), "each step ran once");
        var steps = await host.Queries.ListAsync("scope");
        Assert.IsTrue(steps.All(s => s.InstanceId == "first" && s.Status == StepStatus.Completed && s.CodeVersion == "test/1"));

        // Operators read the ledger through v_steps, JSON as text.
        var products = await ScalarAsync(host.StorePath, "SELECT json_extract(products, '$[0]') FROM v_steps WHERE scope = 'scope' AND step_key = 'a'");
        Assert.AreEqual(Path.Combine(dir.Path, "a.out"), products);
        Assert.AreEqual("test.remove", await ScalarAsync(host.StorePath, "SELECT json_extract(undo, '$.activity') FROM v_steps WHERE step_key = 'a'"));
    }

    [TestMethod]
    public async Task A_step_whose_input_changed_is_undone_before_it_runs_again()
    {
        using var dir = new TempDirectory();
        await using var host = await StepsHost.StartAsync(dir.Path);
        await host.RunAsync(nameof(StepScenario), Scenario(dir.Path, ("a", "alpha"), ("b", "beta")), "first");

        var changed = await host.RunAsync(nameof(StepScenario), Scenario(dir.Path, ("a", "alpha"), ("b", "bravo")), "changed");

        Assert.AreEqual(OrchestrationStatus.Completed, changed.Status, changed.Failure?.Summary);
        CollectionAssert.AreEqual(new[] { "alpha", "bravo" }, File.ReadAllLines(Shared(dir.Path)), "beta was removed by its undo before bravo was added");
        CollectionAssert.AreEqual(new[] { "b" }, File.ReadAllLines(Shared(dir.Path) + ".undo"));
        var steps = await host.Queries.ListAsync("scope");
        Assert.AreEqual("first", steps.Single(s => s.Key == "a").InstanceId);
        Assert.AreEqual("changed", steps.Single(s => s.Key == "b").InstanceId);
    }

    [TestMethod]
    public async Task Reset_runs_the_undos_latest_first_deletes_products_and_rows_and_leaves_other_steps_alone()
    {
        using var dir = new TempDirectory();
        await using var host = await StepsHost.StartAsync(dir.Path);
        await host.RunAsync(nameof(StepScenario), Scenario(dir.Path, ("d1/sub", "one"), ("d1/sub/extra", "two"), ("d2/sub", "three")), "first");

        var reset = await host.RunAsync(StepActivityNames.Reset, new StepSelection("scope", ["d1/sub"]), "reset");

        Assert.AreEqual(OrchestrationStatus.Completed, reset.Status, reset.Failure?.Summary);
        var result = reset.ReadOutputAs<StepResetResult>()!;
        CollectionAssert.AreEquivalent(new[] { "d1/sub", "d1/sub/extra" }, result.Deleted.ToList());
        Assert.AreEqual(2, result.ProductsDeleted);
        CollectionAssert.AreEqual(new[] { "d1/sub/extra", "d1/sub" }, File.ReadAllLines(Shared(dir.Path) + ".undo"), "the latest step is undone first");
        CollectionAssert.AreEqual(new[] { "three" }, File.ReadAllLines(Shared(dir.Path)));
        Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "d1_sub.out")));
        Assert.IsTrue(File.Exists(Path.Combine(dir.Path, "d2_sub.out")));
        CollectionAssert.AreEqual(new[] { "d2/sub" }, (await host.Queries.ListAsync("scope")).Select(s => s.Key).ToList());

        // The next run redoes only what was reset.
        await host.RunAsync(nameof(StepScenario), Scenario(dir.Path, ("d1/sub", "one"), ("d1/sub/extra", "two"), ("d2/sub", "three")), "again");
        CollectionAssert.AreEquivalent(new[] { "three", "one", "two" }, File.ReadAllLines(Shared(dir.Path)));
        Assert.AreEqual("first", (await host.Queries.ListAsync("scope")).Single(s => s.Key == "d2/sub").InstanceId);
    }

    [TestMethod]
    public async Task A_failed_step_is_recorded_with_its_error_and_runs_again_next_time()
    {
        using var dir = new TempDirectory();
        await using var host = await StepsHost.StartAsync(dir.Path);
        var failing = Scenario(dir.Path, ("a", "alpha")) with { Steps = [Line(dir.Path, "a", "alpha") with { Fail = true }] };

        var failed = await host.RunAsync(nameof(StepScenario), failing, "failed");

        Assert.AreEqual(OrchestrationStatus.Failed, failed.Status);
        var row = (await host.Queries.ListAsync("scope")).Single();
        Assert.AreEqual(StepStatus.Failed, row.Status);
        StringAssert.Contains(row.Error, "fails as asked");
        var retried = await host.RunAsync(nameof(StepScenario), Scenario(dir.Path, ("a", "alpha")), "retried");
        Assert.AreEqual(OrchestrationStatus.Completed, retried.Status, retried.Failure?.Summary);
        Assert.AreEqual(StepStatus.Completed, (await host.Queries.ListAsync("scope")).Single().Status);
    }

    [TestMethod]
    public async Task Dependents_are_reset_before_a_step_runs_again()
    {
        using var dir = new TempDirectory();
        await using var host = await StepsHost.StartAsync(dir.Path);
        var dependents = new Dictionary<string, string[]> { ["solve"] = ["subtract"] };
        await host.RunAsync(nameof(StepScenario), Scenario(dir.Path, ("solve", "s1"), ("subtract", "m1")) with { Dependents = dependents }, "first");

        // The solve changes; the subtraction that used it must be undone before the solve runs again.
        await host.RunAsync(nameof(StepScenario), Scenario(dir.Path, ("solve", "s2"), ("subtract", "m1")) with { Dependents = dependents }, "second");

        CollectionAssert.AreEqual(new[] { "subtract", "solve" }, File.ReadAllLines(Shared(dir.Path) + ".undo"));
        CollectionAssert.AreEqual(new[] { "s2", "m1" }, File.ReadAllLines(Shared(dir.Path)));
    }

    private static StepScenarioInput Scenario(string dir, params (string Key, string Line)[] steps) =>
        new("scope", [.. steps.Select(s => Line(dir, s.Key, s.Line))]);

    private static StepLine Line(string dir, string key, string line) =>
        new(key, Shared(dir), line, Path.Combine(dir, key.Replace('/', '_') + ".out"));

    private static string Shared(string dir) => Path.Combine(dir, "shared.txt");

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}
