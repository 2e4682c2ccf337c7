using System.CommandLine.Parsing;
using System.Globalization;

namespace Nightshift.Host.Cli;

/// <summary>
/// Parses a point in time for <c>--since</c> and <c>--completed-before</c>: an ISO 8601 time (UTC unless it
/// carries an offset) or an age such as 90s, 15m, 2h or 7d, meaning that long before now.
/// </summary>
internal static class TimeArgument
{
    public const string Help = "an ISO 8601 time (UTC unless it has an offset) or an age such as 90s, 15m, 2h, 7d";

    public static DateTime? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParse(text, DateTime.UtcNow, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a time: give {Help}");
        return null;
    }

    public static bool TryParse(string text, DateTime now, out DateTime utc)
    {
        utc = default;
        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? age = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (age is { } ago)
            {
                utc = now - ago;
                return true;
            }
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        return false;
    }
}
