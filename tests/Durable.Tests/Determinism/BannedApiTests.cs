using System.Xml.Linq;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Determinism;

/// <summary>
/// The calls that must not appear in orchestration code. Compiling a snippet against the analyzer would
/// be slow, so this checks the two things that make the build fail on them: the banned list and its wiring.
/// </summary>
[TestClass]
public sealed class BannedApiTests
{
    private static readonly string[] MustBeBanned =
    [
        "M:System.Threading.Tasks.Task.Run(System.Action)",
        "M:System.Threading.Tasks.Task.Run``1(System.Func{System.Threading.Tasks.Task{``0}})",
        "M:System.Threading.Tasks.Task.Delay(System.TimeSpan)",
        "M:System.Threading.Tasks.Task.Delay(System.Int32)",
        "P:System.DateTime.UtcNow",
        "P:System.DateTime.Now",
        "M:System.Guid.NewGuid",
        "T:System.Random",
        "M:System.Threading.Thread.Sleep(System.Int32)",
        "M:System.Threading.Thread.Sleep(System.TimeSpan)",
        "T:System.IO.File",
        "T:System.IO.Directory",
        "T:System.Net.Http.HttpClient",
    ];

    private static Dictionary<string, string> ReadBannedSymbols()
    {
        var path = RepoPaths.Combine("src", "Workflows", "BannedSymbols.txt");
        Assert.IsTrue(File.Exists(path), $"{path} is missing");
        return File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split(';', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts.Length > 1 ? parts[1].Trim() : "", StringComparer.Ordinal);
    }

    [TestMethod]
    public void Workflows_ban_nondeterministic_calls_with_a_reason()
    {
        var banned = ReadBannedSymbols();

        foreach (var symbol in MustBeBanned)
        {
            Assert.IsTrue(banned.ContainsKey(symbol), $"BannedSymbols.txt does not ban {symbol}");
            Assert.IsFalse(string.IsNullOrWhiteSpace(banned[symbol]), $"{symbol} is banned without saying what to use instead");
        }
    }

    [TestMethod]
    public void Workflows_project_runs_the_banned_api_analyzer_on_that_list()
    {
        var project = XDocument.Load(RepoPaths.Combine("src", "Workflows", "Nightshift.Workflows.csproj"));

        var analyzer = project.Descendants("PackageReference")
            .SingleOrDefault(e => (string?)e.Attribute("Include") == "Microsoft.CodeAnalysis.BannedApiAnalyzers");
        Assert.IsNotNull(analyzer, "Nightshift.Workflows.csproj does not reference Microsoft.CodeAnalysis.BannedApiAnalyzers");
        var durableTask = project.Descendants("PackageReference")
            .SingleOrDefault(e => (string?)e.Attribute("Include") == "Microsoft.DurableTask.Analyzers");
        Assert.IsNotNull(durableTask, "Nightshift.Workflows.csproj does not run Microsoft.DurableTask.Analyzers on its orchestrators");
        var additional = project.Descendants("AdditionalFiles").Select(e => (string?)e.Attribute("Include") ?? "").ToList();
        Assert.Contains("BannedSymbols.txt", additional);

        // A banned call is a build error only if warnings are errors there (RS0030 is a warning).
        var props = XDocument.Load(RepoPaths.Combine("Directory.Build.props"));
        Assert.IsTrue(props.Descendants("TreatWarningsAsErrors").Any(e => e.Value.Trim() == "true"), "TreatWarningsAsErrors is not on");
    }
}
