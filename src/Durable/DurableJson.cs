using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nightshift.Durable;

/// <summary>The one set of JSON options used for every input, output, event payload and status.</summary>
public static class DurableJson
{
    /// <summary>
    /// camelCase properties, enums as strings, no indentation (history rows stay compact), and no escaping of
    /// characters such as '+', quotes or accented letters, because operators read these payloads with sqlite3 and psql.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a value to JSON text; null stays null.</summary>
    public static string? Serialize(object? value)
        => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Reads JSON text as <paramref name="type"/>; null or empty text gives the type's default.</summary>
    public static object? Deserialize(string? json, Type type)
        => string.IsNullOrEmpty(json)
            ? (type.IsValueType ? Activator.CreateInstance(type) : null)
            : JsonSerializer.Deserialize(json, type, Options);

    /// <summary>Reads JSON text as <typeparamref name="T"/>.</summary>
    public static T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
