using System.Text.Json;

namespace Nightshift.Host.Display;

/// <summary>
/// Progress read from a custom status shaped like <c>{"phase": "...", "done": k, "total": n}</c>; pipelines
/// that report progress use that shape, and anything else is shown as it is.
/// </summary>
/// <param name="Phase">The phase, if the status names one.</param>
/// <param name="Done">Steps done.</param>
/// <param name="Total">Steps in all.</param>
internal sealed record ProgressSnapshot(string? Phase, long Done, long Total)
{
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    public override string ToString() => Phase is null ? $"{Done}/{Total}" : $"{Phase} {Done}/{Total}";

    public static ProgressSnapshot? Read(string? customStatus)
    {
        if (customStatus is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(customStatus);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && TryNumber(root, "done", out var done)
                && TryNumber(root, "total", out var total))
            {
                var phase = root.TryGetProperty("phase", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                return new ProgressSnapshot(phase, done, total);
            }
        }
        catch (JsonException)
        {
            // Not JSON we understand: shown raw by the caller.
        }

        return null;
    }

    private static bool TryNumber(JsonElement root, string name, out long value)
    {
        value = 0;
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Number)
            {
                return property.Value.TryGetInt64(out value);
            }
        }

        return false;
    }
}
