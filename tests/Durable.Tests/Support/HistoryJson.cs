using System.Text.Json;
using System.Text.Json.Serialization;
using Nightshift.Durable.Engine;

namespace Nightshift.Durable.Tests.Support;

/// <summary>A history recorded from a real run, as checked into <c>Histories/*.json</c>.</summary>
/// <param name="Orchestration">The name the orchestration ran under.</param>
/// <param name="InstanceId">The instance id it ran as (deterministic GUIDs depend on it).</param>
/// <param name="History">The execution's events, in order.</param>
internal sealed record RecordedHistory(string Orchestration, string InstanceId, List<HistoryEvent> History);

/// <summary>Reads and writes recorded histories with the runtime's own JSON options.</summary>
internal static class HistoryJson
{
    // The runtime's options (camelCase, enums as names), indented and without nulls so the files read well in review.
    private static readonly JsonSerializerOptions Options = new(DurableJson.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(RecordedHistory history) => JsonSerializer.Serialize(history, Options) + "\n";

    public static RecordedHistory Deserialize(string json)
        => JsonSerializer.Deserialize<RecordedHistory>(json, Options) ?? throw new JsonException("The history file is empty.");

    /// <summary>Loads <c>Histories/<paramref name="fileName"/></c> from the test's output folder.</summary>
    public static RecordedHistory Load(string fileName)
        => Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Histories", fileName)));
}
