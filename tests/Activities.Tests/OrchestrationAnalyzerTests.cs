using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace Nightshift.Activities.Tests;

/// <summary>
/// RunJobAsync, RunStepAsync and the reset orchestration are orchestration code inside Nightshift.Activities. Compiling
/// a snippet against the analyzers would be slow, so this checks their wiring: both analyzers referenced, the banned
/// list shared with src/Workflows, and RS0030 an error in exactly those files.
/// </summary>
[TestClass]
public sealed class OrchestrationAnalyzerTests
{
    private static readonly string[] OrchestrationFiles =
        ["Jobs/JobOrchestrationExtensions.cs", "Steps/StepOrchestrationExtensions.cs", "Steps/StepResetOrchestration.cs"];

    [TestMethod]
    public void Activities_project_runs_the_Durable_Task_and_banned_api_analyzers_on_its_orchestration_files()
    {
        var src = Path.Combine(RepoRoot(), "src", "Activities");
        var project = XDocument.Load(Path.Combine(src, "Nightshift.Activities.csproj"));
        var packages = project.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? "").ToList();
        CollectionAssert.IsSubsetOf(new[] { "Microsoft.DurableTask.Analyzers", "Microsoft.CodeAnalysis.BannedApiAnalyzers" }, packages);
        var additional = project.Descendants("AdditionalFiles").Select(e => (string?)e.Attribute("Include") ?? "").ToList();
        Assert.Contains("../Workflows/BannedSymbols.txt", additional);

        var editorconfig = File.ReadAllText(Path.Combine(src, ".editorconfig"));
        var section = $"[{{{string.Join(',', OrchestrationFiles)}}}]";
        var at = editorconfig.IndexOf(section, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, at, $"src/Activities/.editorconfig has no section {section}");
        StringAssert.StartsWith(editorconfig[(at + section.Length)..].TrimStart(), "dotnet_diagnostic.RS0030.severity = error");
        foreach (var file in OrchestrationFiles)
        {
            Assert.IsTrue(File.Exists(Path.Combine(src, file)), $"{file} moved: update the .editorconfig section");
        }
    }

    private static string RepoRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
