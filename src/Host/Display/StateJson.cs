using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nightshift.Durable;

namespace Nightshift.Host.Display;

/// <summary>
/// The <c>--json</c> shapes of instances and history events: payloads are embedded as JSON values (not as
/// strings holding JSON), times are UTC ISO 8601, statuses are names.
/// </summary>
internal static class StateJson
{
    private static readonly JsonSerializerOptions Pretty = new(DurableJson.Options)
    {
        WriteIndented = true,
        // Readable output for people and tools alike; it is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactOptions = new(Pretty) { WriteIndented = false };

    public static JsonObject From(OrchestrationState state) => new()
    {
        ["instanceId"] = state.InstanceId,
        ["name"] = state.Name,
        ["status"] = state.Status.ToString(),
        ["executionId"] = state.ExecutionId,
        ["parentInstanceId"] = state.ParentInstanceId,
        ["createdAt"] = state.CreatedAt,
        ["updatedAt"] = state.UpdatedAt,
        ["completedAt"] = state.CompletedAt,
        ["input"] = Raw(state.Input),
        ["output"] = Raw(state.Output),
        ["customStatus"] = Raw(state.CustomStatus),
        ["failure"] = Failure(state.Failure),
    };

    public static JsonObject From(HistoryEventRecord record) => new()
    {
        ["executionId"] = record.ExecutionId,
        ["sequence"] = record.Sequence,
        ["eventType"] = record.EventType,
        ["taskId"] = record.TaskId >= 0 ? record.TaskId : null,
        ["name"] = record.Name,
        ["payload"] = Raw(record.Payload),
        ["failure"] = Failure(record.Failure),
        ["timestamp"] = record.Timestamp,
    };

    public static JsonArray Array(IEnumerable<JsonNode> nodes) => new([.. nodes]);

    /// <summary>Stored JSON text as a node; text that is somehow not JSON is kept as a string rather than lost.</summary>
    public static JsonNode? Raw(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    public static string Write(JsonNode? node) => node?.ToJsonString(Pretty) ?? "null";

    /// <summary>Stored JSON text on one line, without the escapes the store writes (\u002B for +), for tables.</summary>
    public static string Compact(string? json) => Raw(json)?.ToJsonString(CompactOptions) ?? "null";

    /// <summary>Writes a JSON document to stdout, unwrapped (Spectre would wrap long lines).</summary>
    public static void Print(JsonNode? node) => Console.Out.WriteLine(Write(node));

    private static JsonNode? Failure(FailureDetails? failure)
        => failure is null ? null : JsonSerializer.SerializeToNode(failure, DurableJson.Options);
}
