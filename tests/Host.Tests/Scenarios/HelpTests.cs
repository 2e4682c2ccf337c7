using System.CommandLine;
using Nightshift.Host.Cli;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Scenarios;

[TestClass]
public sealed class HelpTests
{
    [TestMethod]
    public void Every_command_option_and_argument_has_a_description()
    {
        var root = NightshiftCommandLine.Create();
        var missing = new List<string>();
        foreach (var (path, command) in Walk("nightshift", root))
        {
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                missing.Add(path);
            }

            missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{path} {o.Name}"));
            missing.AddRange(command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{path} {a.Name}"));
        }

        Assert.IsEmpty(missing, "undescribed: " + string.Join(", ", missing));
        CollectionAssert.IsSubsetOf(
            new[] { "run", "worker", "list", "status", "history", "raise", "terminate", "suspend", "resume", "restart", "purge", "jobs", "reset", "check", "steps" },
            root.Subcommands.Select(c => c.Name).ToList());
        CollectionAssert.IsSubsetOf(new[] { "attrition", "delete" }, root.Subcommands.Single(c => c.Name == "jobs").Subcommands.Select(c => c.Name).ToList());
    }

    /// <summary>Every command with its path (<c>nightshift jobs delete</c>), subcommands included.</summary>
    private static IEnumerable<(string Path, Command Command)> Walk(string path, Command command)
        => command.Subcommands.SelectMany(c => Walk(path + " " + c.Name, c)).Prepend((path, command));

    [TestMethod]
    public async Task Help_shows_defaults_and_the_store_option_on_subcommands()
    {
        using var store = new TempStore();

        var run = (await NightshiftExe.RunAsync(store.Directory, ["run", "--help"])).ShouldSucceed();
        var list = (await NightshiftExe.RunAsync(store.Directory, ["list", "--help"])).ShouldSucceed();

        Assert.Contains("--db <PATH|CONNECTION-STRING>", run.Stdout);
        Assert.Contains("NIGHTSHIFT_DB", run.Stdout);
        Assert.Contains("Known pipelines: demo, which fans out", run.Stdout);
        Assert.Contains("\"haltChunk\"", run.Stdout, "the input fields of each pipeline are described");
        var lease = run.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith("--lease <SECONDS>", StringComparison.Ordinal));
        Assert.Contains("[default: ", lease, "worker defaults are shown");
        Assert.Contains("[default: 50]", list.Stdout);
        Assert.IsEmpty(Directory.GetFiles(store.Directory), "help creates no store");
    }
}
