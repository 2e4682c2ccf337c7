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
}
