using System.Globalization;
using System.Text;
using System.Text.Json;
using Nightshift.Activities.Lap;
using Nightshift.Durable;
using Nightshift.Workflows.Lap;

namespace Nightshift.Host.Pipelines;

/// <summary>How the launcher reads a LAP configuration and prints a LAP summary.</summary>
internal static class LapInput
{
    private static readonly Func<JsonElement?, object> Reader = PipelineInput.Reader<LapConfig>(c => c.Validate());

    /// <summary>
    /// The configuration with its directories made absolute against the working directory of the command: a worker started
    /// elsewhere, and a batch job on a node, must find the same files.
    /// </summary>
    public static object Read(JsonElement? json)
    {
        var config = (LapConfig)Reader(json);
        return config with
        {
            OutputDirectory = Path.GetFullPath(config.OutputDirectory),
            SurveyDirectory = config.SurveyDirectory is { } survey ? Path.GetFullPath(survey) : null,
        };
    }

    /// <summary>The summary as the operator reads it: runs, exposures by state, stacks, transients found against injected.</summary>
    public static string? Summarize(string? output)
    {
        if (output is null || DurableJson.Deserialize<LapSummary>(output) is not { } s)
        {
            return null;
        }

        static string Counts(IReadOnlyDictionary<string, int> counts) =>
            counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

        var text = new StringBuilder();
        var line = (FormattableString f) => text.AppendLine(f.ToString(CultureInfo.InvariantCulture));
        line($"LAP sequence {s.SeqId}");
        line($"  runs:        {s.Runs.Values.Sum()} ({Counts(s.Runs)})");
        line($"  exposures:   {s.Exposures.Values.Sum()} rows over all runs ({Counts(s.Exposures)})");
        line($"  stacks:      {s.StacksWritten} written, {s.StacksFaulted} faulted");
        line($"  differences: {s.Diffs} final skycell differences, {s.Detections} detections");
        line($"  transients:  {s.Recovered} of {s.Recoverable} recoverable injected transients detected ({s.RecoveryRate:P1}); {s.Injected} injected above the S/N floor");
        line($"  false:       {s.FalseDetections} of {s.Detections} detections match no injected transient ({s.FalseRate:P1})");
        line($"  output:      {s.OutputDirectory} (stacks/, diffs/, transients.csv, summary.json)");
        return text.ToString();
    }
}
