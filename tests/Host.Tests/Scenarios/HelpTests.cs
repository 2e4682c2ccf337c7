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
        foreach (var command in root.Subcommands.Prepend(root))
        {
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                missing.Add(command.Name);
            }

            missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{command.Name} {o.Name}"));
            missing.AddRange(command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{command.Name} {a.Name}"));
        }

        Assert.IsEmpty(missing, "undescribed: " + string.Join(", ", missing));
        CollectionAssert.AreEquivalent(
            new[] { "run", "worker", "list", "status", "history", "raise", "terminate", "suspend", "resume", "restart", "purge" },
            root.Subcommands.Select(c => c.Name).ToList());
    }

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
