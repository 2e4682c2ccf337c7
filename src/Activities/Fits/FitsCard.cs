using System.Globalization;
using System.Text;

namespace Nightshift.Activities.Fits;

/// <summary>
/// One 80-character header card: a keyword with a value (string, long, double or bool) and an optional comment,
/// or a commentary card (COMMENT, HISTORY, blank keyword) whose <see cref="Value"/> is null and whose text is in <see cref="Comment"/>.
/// </summary>
public sealed record FitsCard(string Keyword, object? Value, string? Comment)
{
    /// <summary>The length of a card in bytes.</summary>
    public const int Length = 80;

    /// <summary>True for COMMENT, HISTORY and blank-keyword cards, which carry text instead of a value.</summary>
    public bool IsCommentary => Value is null;

    /// <summary>Formats the card as exactly 80 ASCII characters in the FITS fixed format.</summary>
    public string Format()
    {
        var sb = new StringBuilder(Length);
        sb.Append(Keyword.PadRight(8));
        if (Value is null)
        {
            sb.Append(Comment ?? string.Empty);
        }
        else
        {
            sb.Append("= ");
            sb.Append(FormatValue(Value));
            if (!string.IsNullOrEmpty(Comment))
            {
                sb.Append(" / ").Append(Comment);
            }
        }

        var text = sb.ToString();
        return text.Length >= Length ? text[..Length] : text.PadRight(Length);
    }

    internal static string FormatValue(object value) => value switch
    {
        // Strings start in column 11 and are padded to at least 8 characters, as the standard asks.
        string s => ("'" + s.Replace("'", "''", StringComparison.Ordinal).PadRight(8) + "'").PadRight(20),
        bool b => (b ? "T" : "F").PadLeft(20),
        long l => l.ToString(CultureInfo.InvariantCulture).PadLeft(20),
        double d => FormatDouble(d).PadLeft(20),
        _ => throw new ArgumentException($"unsupported FITS value type {value.GetType().Name}", nameof(value)),
    };

    private static string FormatDouble(double d)
    {
        if (!double.IsFinite(d))
        {
            throw new ArgumentException("FITS header values must be finite", nameof(d));
        }

        // "R" round-trips exactly; a value printed without '.' or 'E' would read back as an integer.
        var text = d.ToString("R", CultureInfo.InvariantCulture).ToUpperInvariant();
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        return text;
    }

    /// <summary>Parses one card; <paramref name="fileName"/> and <paramref name="index"/> only feed the error message.</summary>
    internal static FitsCard Parse(string card, string fileName, int index)
    {
        var keyword = card[..8].TrimEnd();
        if (card.Length < 10 || card[8] != '=' || card[9] != ' ')
        {
            return new FitsCard(keyword, null, card[8..].TrimEnd());
        }

        var rest = card[10..];
        var trimmed = rest.TrimStart();
        if (trimmed.StartsWith('\''))
        {
            var sb = new StringBuilder();
            var i = 1;
            var closed = false;
            while (i < trimmed.Length)
            {
                if (trimmed[i] == '\'')
                {
                    if (i + 1 < trimmed.Length && trimmed[i + 1] == '\'')
                    {
                        sb.Append('\'');
                        i += 2;
                        continue;
                    }

                    closed = true;
                    i++;
                    break;
                }

                sb.Append(trimmed[i]);
                i++;
            }

            if (!closed)
            {
                throw new FitsFormatException(fileName, $"header card {index + 1} ({keyword}) has an unterminated string");
            }

            // Trailing blanks in FITS strings are not significant; leading blanks are.
            return new FitsCard(keyword, sb.ToString().TrimEnd(), ParseComment(trimmed[i..]));
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var token = (slash >= 0 ? trimmed[..slash] : trimmed).Trim();
        var comment = slash >= 0 ? trimmed[(slash + 1)..].Trim() : null;
        if (token.Length == 0)
        {
            return new FitsCard(keyword, string.Empty, comment);
        }

        if (token == "T" || token == "F")
        {
            return new FitsCard(keyword, token == "T", comment);
        }

        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return new FitsCard(keyword, l, comment);
        }

        if (double.TryParse(token.Replace('D', 'E').Replace('d', 'e'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return new FitsCard(keyword, d, comment);
        }

        throw new FitsFormatException(fileName, $"header card {index + 1} ({keyword}) has a value that is not a string, number or logical: '{token}'");
    }

    private static string? ParseComment(string afterValue)
    {
        var slash = afterValue.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? afterValue[(slash + 1)..].Trim() : null;
    }
}
