using System.Text.Json;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Lap;

/// <summary>What a LAP run left in a working directory: the output files and the ledger rows in the store.</summary>
internal static class LapOutputs
{
    public static string Output(TempStore store) => Path.Combine(store.Directory, "lap-output");

    /// <summary>The stacks and differences (images, variances, masks, catalogues), relative to the output directory.</summary>
    public static List<string> Products(TempStore store) =>
        [.. new[] { "stacks", "diffs" }.SelectMany(d => Directory.GetFiles(Path.Combine(Output(store), d), "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(Output(store), f)).Order(StringComparer.Ordinal)];

    public static JsonElement Summary(TempStore store) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Output(store), "summary.json"))).RootElement;
}
