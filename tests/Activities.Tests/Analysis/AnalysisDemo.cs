using Nightshift.Activities.Kernels.Analysis;

namespace Nightshift.Activities.Tests.Analysis;

/// <summary>One synthetic analysis written once per test run and shared read-only by the analysis tests.</summary>
internal sealed class AnalysisDemo
{
    private static readonly Lazy<AnalysisDemo> Shared = new(() => new AnalysisDemo());

    private AnalysisDemo()
    {
        Directory = NewDirectory("demo");
        ConfigPath = SyntheticAnalysis.GenerateAsync(Directory, SyntheticAnalysisSize.Test, CancellationToken.None).GetAwaiter().GetResult();
        Config = AnalysisConfig.Load(ConfigPath);
    }

    public static AnalysisDemo Instance => Shared.Value;

    public string Directory { get; }

    public string ConfigPath { get; }

    public AnalysisConfig Config { get; }

    public static string NewDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ns-analysis-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Everything that must not depend on chunking: cut flows, histograms (exact text), events, files, skips.</summary>
    public static string Fingerprint(AnalysisAccumulator result)
    {
        var lines = new List<string>();
        foreach (var (name, d) in result.Datasets)
        {
            lines.Add($"{name} events={d.EventsProcessed} files={string.Join(',', d.Files)} skipped={string.Join(',', d.SkippedFiles.Keys)}");
            lines.AddRange(d.Steps.Concat(d.Categories).Select(s => $"  {s.Name} {s.Events} {s.Weighted.ToExactString()}"));
            foreach (var (key, h) in d.Histograms)
            {
                lines.Add($"  {key} {string.Join(' ', h.Entries)} | {string.Join(' ', h.SumW.Select(s => s.ToExactString()))} | {string.Join(' ', h.SumW2.Select(s => s.ToExactString()))}");
            }
        }

        return string.Join('\n', lines);
    }
}
