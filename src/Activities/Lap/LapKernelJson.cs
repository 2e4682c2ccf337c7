using System.Text.Json;
using System.Text.Json.Serialization;
using Nightshift.Durable;

namespace Nightshift.Activities.Lap;

/// <summary>The JSON of kernel result files: the runtime's options, plus NaN (a PSF that could not be measured).</summary>
internal static class LapKernelJson
{
    public static JsonSerializerOptions Options { get; } = new(DurableJson.Options)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> through a temporary file, so a reader never sees half of it.</summary>
    public static void Write<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(value, Options) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
