using System.Text.Json;
using Nightshift.Host.Cli;

namespace Nightshift.Host.Pipelines;

/// <summary>Parses JSON given on the command line or in a file, with errors that say where.</summary>
internal static class JsonText
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses <paramref name="text"/>; <paramref name="what"/> names its origin in the error ("--input", a file name).</summary>
    public static JsonElement Parse(string text, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Lenient);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw CommandLineException.Usage($"{what} is not valid JSON: {WithoutPosition(e.Message).TrimEnd('.')} (line {line}, column {column})");
        }
    }

    /// <summary>System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; messages here say it their own way.</summary>
    public static string WithoutPosition(string message)
    {
        foreach (var marker in (string[])[" Path:", " LineNumber:"])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.Trim();
    }
}
