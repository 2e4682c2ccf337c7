using System.Text;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>The merged run options and, for each, the value and the layer that set it.</summary>
public sealed record MergedRunOptions(AnalysisRunOptions Options, IReadOnlyList<RunOptionValue> Values)
{
    /// <summary>The value of option <paramref name="name"/> with its source.</summary>
    public RunOptionValue this[string name] => Values.First(v => v.Name == name);

    /// <summary>A table for <c>nightshift analysis options</c>: option, value, source.</summary>
    public string Format()
    {
        var width = Values.Max(v => v.Name.Length);
        var valueWidth = Math.Max(5, Values.Max(v => v.Value.Length));
        var text = new StringBuilder();
        text.Append("option".PadRight(width)).Append("  ").Append("value".PadRight(valueWidth)).Append("  source\n");
        foreach (var v in Values)
        {
            text.Append(v.Name.PadRight(width)).Append("  ").Append((v.Value.Length == 0 ? "-" : v.Value).PadRight(valueWidth)).Append("  ").Append(v.Source).Append('\n');
        }

        return text.ToString();
    }
}
