using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Scenarios;

/// <summary>
/// Bad input must exit non-zero with one line that names the problem, before any store is opened: the
/// existing store stays byte for byte what it was.
/// </summary>
[TestClass]
public sealed class BadInputTests
{
    private static TempStore store = null!;

    [ClassInitialize]
    public static async Task CreateStoreWithOneRun(TestContext context)
    {
        store = new TempStore();
        (await store.RunAsync("run", "demo", "--id", "existing", "--input", """{"chunks": 2, "size": 100}""")).ShouldSucceed();
    }

    [ClassCleanup]
    public static void DeleteStore() => store.Dispose();

    [TestMethod]
    public async Task Run_of_an_unknown_pipeline_exits_2_naming_it_and_the_known_ones()
    {
        var result = await RunUnchangedAsync("run", "no-such-pipeline");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("'no-such-pipeline'", result.StderrLines[0]);
        Assert.Contains("known: demo", result.StderrLines[0]);
    }

    [TestMethod]
    public async Task Run_with_malformed_input_JSON_exits_2_with_the_parser_error_and_its_position()
    {
        var result = await RunUnchangedAsync("run", "demo", "--input", """{"chunks": 3,, "size": 10}""");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("--input is not valid JSON", result.StderrLines[0]);
        Assert.Contains("(line 1, column 14)", result.StderrLines[0]);
    }

    [TestMethod]
    public async Task Run_with_db_in_a_missing_directory_exits_2_naming_the_directory_and_creates_nothing()
    {
        var missing = Path.Combine(store.Directory, "no-such-dir");

        var result = await RunUnchangedAsync("run", "demo", "--db", Path.Combine(missing, "runs.db"));

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains($"the directory '{missing}' does not exist", result.StderrLines[0]);
        Assert.IsFalse(Directory.Exists(missing));
    }

    [TestMethod]
    [DataRow(new[] { "run", "demo", "--input", """{"chunk": 3}""" }, "unknown field 'chunk' (known: chunks, size", DisplayName = "unknown input field")]
    [DataRow(new[] { "run", "demo", "--input", """{"chunks": "many"}""" }, "field 'chunks' must be a whole number", DisplayName = "wrong input type")]
    [DataRow(new[] { "run", "demo", "--input", """{"chunks": 0}""" }, "chunks must be between 1 and 1000000, not 0", DisplayName = "input out of range")]
    [DataRow(new[] { "run", "demo", "--input", "[1, 2]" }, "expected a JSON object, not an array", DisplayName = "input not an object")]
    [DataRow(new[] { "run", "demo", "--input-file", "missing.json" }, "input file 'missing.json' does not exist", DisplayName = "missing input file")]
    [DataRow(new[] { "run", "missing.yaml" }, "configuration file 'missing.yaml' does not exist", DisplayName = "missing configuration file")]
    [DataRow(new[] { "run", "demo", "--db", "Host=localhost;Databse=nightshift" }, "--db is not a valid PostgreSQL connection string", DisplayName = "malformed PostgreSQL connection string")]
    [DataRow(new[] { "run", "demo", "--orchestrations", "0" }, "--orchestrations must be a whole number from 1 to 1024, not '0'", DisplayName = "worker option out of range")]
    [DataRow(new[] { "worker", "--lease", "soon" }, "--lease must be a positive number of seconds, not 'soon'", DisplayName = "worker option not a number")]
    [DataRow(new[] { "list", "--status", "Sleeping" }, "unknown status 'Sleeping' (known: Pending, Running", DisplayName = "unknown status")]
    [DataRow(new[] { "list", "--since", "yesterday-ish" }, "'yesterday-ish' is not a time", DisplayName = "bad time")]
    [DataRow(new[] { "status", "nobody" }, "no instance 'nobody'", DisplayName = "unknown instance")]
    [DataRow(new[] { "raise", "existing", "go", "--data", "{oops}" }, "--data is not valid JSON", DisplayName = "malformed event data")]
    [DataRow(new[] { "purge" }, "give an INSTANCE, a filter", DisplayName = "purge without a filter")]
    public async Task Bad_input_exits_2_with_one_line_naming_the_problem(string[] arguments, string expected)
    {
        var result = await RunUnchangedAsync(arguments);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains(expected, result.StderrLines[0]);
    }

    [TestMethod]
    [DataRow("pipeline: demo\ninptu:\n  chunks: 2\n", ":2: unknown key 'inptu' (known: pipeline, id, input)", DisplayName = "unknown key")]
    [DataRow("pipeline: demo\ninput:\n  chunks: [1\n", ":4:1: ", DisplayName = "YAML syntax error")]
    [DataRow("pipeline: nope\n", ":1: unknown pipeline 'nope' (known: demo", DisplayName = "unknown pipeline")]
    [DataRow("pipeline: demo\ninput:\n  chunks: 0\n", "invalid input: chunks must be between 1 and 1000000, not 0", DisplayName = "invalid input")]
    public async Task A_bad_configuration_file_exits_2_naming_the_file_and_line(string yaml, string expected)
    {
        // In a subdirectory, which the store's fingerprint does not cover.
        var directory = Directory.CreateDirectory(Path.Combine(store.Directory, "configs", Guid.NewGuid().ToString("N"))).FullName;
        var config = Path.Combine(directory, "run.yaml");
        await File.WriteAllTextAsync(config, yaml);

        var result = await RunUnchangedAsync("run", config);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains(expected, result.StderrLines[0]);
        if (expected.StartsWith(':'))
        {
            Assert.StartsWith($"nightshift: {config}{expected}", result.StderrLines[0]);
        }
    }

    [TestMethod]
    [DataRow("list")]
    [DataRow("status", "x")]
    [DataRow("history", "x")]
    [DataRow("terminate", "x")]
    public async Task Commands_on_a_store_that_does_not_exist_say_so_and_do_not_create_it(params string[] arguments)
    {
        var path = Path.Combine(store.Directory, "absent.db");

        var result = await NightshiftExe.RunAsync(store.Directory, [.. arguments, "--db", path]);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.HasCount(1, result.StderrLines, result.ToString());
        Assert.Contains($"no store at '{path}'", result.StderrLines[0]);
        Assert.IsFalse(File.Exists(path));
    }

    /// <summary>Runs nightshift on the class's store and checks the one-line, store-unchanged contract.</summary>
    private static async Task<CliResult> RunUnchangedAsync(params string[] arguments)
    {
        var before = store.Fingerprint();
        var withDb = arguments.Contains("--db") ? arguments : [.. arguments, "--db", store.Path];

        var result = await NightshiftExe.RunAsync(store.Directory, withDb);

        Assert.AreEqual(before, store.Fingerprint(), "the store must be left unchanged");
        Assert.HasCount(1, result.StderrLines, "one line naming the problem: " + result);
        Assert.AreEqual("", result.Stdout, result.ToString());
        return result;
    }
}
