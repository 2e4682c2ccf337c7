using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Nightshift.Durable;
using Nightshift.Host.Cli;

namespace Nightshift.Host.Pipelines;

/// <summary>Reads and checks a pipeline's input before any store is opened, so bad input changes nothing.</summary>
internal static class PipelineInput
{
    /// <summary>
    /// A reader for input type <typeparamref name="T"/>: unknown fields and wrong types are errors that name
    /// the field, and <paramref name="validate"/> checks the values. No input gives the type's defaults.
    /// </summary>
    public static Func<JsonElement?, object> Reader<T>(Func<T, string?> validate) where T : class, new()
        => element =>
        {
            var value = element is { } json ? Read<T>(json) : new T();
            if (validate(value) is { } problem)
            {
                throw CommandLineException.Usage($"invalid input: {problem}");
            }

            return value;
        };

    private static T Read<T>(JsonElement json) where T : class
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw CommandLineException.Usage($"invalid input: expected a JSON object, not {Describe(json.ValueKind)}");
        }

        var typeInfo = (JsonTypeInfo<T>)DurableJson.Options.GetTypeInfo(typeof(T));
        var known = typeInfo.Properties.Select(p => p.Name).ToList();
        foreach (var property in json.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw CommandLineException.Usage($"invalid input: unknown field '{property.Name}' (known: {string.Join(", ", known)})");
            }
        }

        try
        {
            return json.Deserialize(typeInfo) ?? throw CommandLineException.Usage("invalid input: expected a JSON object, not null");
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : "?";
            var property = typeInfo.Properties.FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
            throw CommandLineException.Usage(property is null
                ? $"invalid input: field '{field}': {JsonText.WithoutPosition(e.Message)}"
                : $"invalid input: field '{property.Name}' must be {Describe(property.PropertyType)}");
        }
    }

    private static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Describe(underlying) + " or null";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            TypeCode.String => "a string",
            _ => $"a JSON value of type {type.Name}",
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
