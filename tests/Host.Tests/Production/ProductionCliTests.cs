using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Production;

/// <summary>The production pipeline's input checks and <c>nightshift production check</c> through the launcher.</summary>
[TestClass]
public sealed class ProductionCliTests
{
    [TestMethod]
    [DataRow("""{"mode": "weekly"}""", "mode must be one of full, incremental, flux, not 'weekly'", DisplayName = "unknown mode")]
    [DataRow("""{"nights": [20240101], "backend": "pbs"}""", "backend must be local, slurm or condor, not 'pbs'", DisplayName = "nights as numbers parse; unknown backend")]
    [DataRow("""{"nights": [{"night": 1}]}""", "field 'nights'", DisplayName = "night that is not a name")]
    [DataRow("""{"outputVersion": -1}""", "outputVersion must be 0 or more, not -1", DisplayName = "negative output version")]
    [DataRow("""{"name": "my prod"}""", "name must be letters, digits, '-' or '_', not 'my prod'", DisplayName = "name with a space")]
    [DataRow("""{"keepGoin": true}""", "unknown field 'keepGoin'", DisplayName = "misspelt field")]
    [DataRow("""{"generate": {"nights": 3}}""", "generate: nights must be at least 8", DisplayName = "too few nights to generate")]
    public async Task Run_production_with_bad_input_exits_2_naming_the_field(string input, string message)
    {
        using var store = new TempStore();
        var result = await store.RunAsync("run", "production", "--input", input);
        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains(message, result.StderrLines[0]);
        Assert.IsFalse(File.Exists(store.Path), "nothing was created");
    }

    [TestMethod]
    public async Task Production_check_of_an_unknown_production_exits_1_naming_it()
    {
        using var store = new TempStore();
        (await store.RunAsync("run", "demo", "--input", """{"chunks": 2, "size": 100}""")).ShouldSucceed();
        var result = await store.RunAsync("production", "check", "nobody");
        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.Contains("no registered production named 'nobody'", result.StderrLines[0]);
    }

    [TestMethod]
    public async Task Production_run_turns_batch_jobs_style_options_into_the_runs_input()
    {
        using var store = new TempStore();
        var config = Path.Combine(store.Directory, "prod.yaml");
        await File.WriteAllTextAsync(config, "name: alice\nmode: incremental\nraw: /data/snf/raw\noutputVersion: 1\n");
        var run = await store.RunAsync("production", "run", "--config", config, "--detach", "--id", "p1", "--nights", "20240101,20240105", "-k", "-L", "--outver", "4");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var status = await store.RunAsync("status", "p1", "--json");
        Assert.AreEqual(0, status.ExitCode, status.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(status.Stdout);
        var input = json.RootElement.GetProperty("input");
        Assert.AreEqual("alice", input.GetProperty("name").GetString(), "from the file");
        Assert.AreEqual("incremental", input.GetProperty("mode").GetString());
        Assert.AreEqual(4, input.GetProperty("outputVersion").GetInt32(), "the option overrides the file");
        Assert.IsTrue(input.GetProperty("keepGoing").GetBoolean());
        Assert.IsTrue(input.GetProperty("noRegister").GetBoolean());
        CollectionAssert.AreEqual(new[] { "20240101", "20240105" }, input.GetProperty("nights").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [TestMethod]
    public async Task Production_run_with_a_bad_option_exits_2_and_creates_no_store()
    {
        using var store = new TempStore();
        var result = await store.RunAsync("production", "run", "--mode", "weekly");
        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("mode must be one of full, incremental, flux, not 'weekly'", result.StderrLines[0]);
        Assert.IsFalse(File.Exists(store.Path));
    }
}
