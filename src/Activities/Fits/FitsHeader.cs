namespace Nightshift.Activities.Fits;

/// <summary>
/// The ordered cards of a FITS header, without the structural keywords (SIMPLE, BITPIX, NAXISn, BSCALE, BZERO, BLANK, END),
/// which the reader consumes and the writer produces from the image itself.
/// </summary>
public sealed class FitsHeader
{
    private readonly List<FitsCard> _cards = [];

    /// <summary>Creates an empty header; <paramref name="sourcePath"/> names the file in error messages.</summary>
    public FitsHeader(string? sourcePath = null) => SourcePath = sourcePath;

    /// <summary>The file this header was read from, if any; used in error messages.</summary>
    public string? SourcePath { get; }

    /// <summary>The cards in order.</summary>
    public IReadOnlyList<FitsCard> Cards => _cards;

    /// <summary>The text of every COMMENT card, in order.</summary>
    public IEnumerable<string> Comments =>
        _cards.Where(c => c.IsCommentary && c.Keyword == "COMMENT").Select(c => c.Comment ?? string.Empty);

    /// <summary>True when a card with a value exists for <paramref name="keyword"/>.</summary>
    public bool Contains(string keyword) => Find(keyword) >= 0;

    /// <summary>Sets a string value, replacing an existing card in place.</summary>
    public void Set(string keyword, string value, string? comment = null) => SetValue(keyword, value, comment);

    /// <summary>Sets an integer value, replacing an existing card in place.</summary>
    public void Set(string keyword, long value, string? comment = null) => SetValue(keyword, value, comment);

    /// <summary>Sets a floating-point value, replacing an existing card in place.</summary>
    public void Set(string keyword, double value, string? comment = null) => SetValue(keyword, value, comment);

    /// <summary>Sets a logical value, replacing an existing card in place.</summary>
    public void Set(string keyword, bool value, string? comment = null) => SetValue(keyword, value, comment);

    /// <summary>Appends a COMMENT card (long text is split over several cards).</summary>
    public void AddComment(string text) => AddCommentary("COMMENT", text);

    /// <summary>Appends a HISTORY card (long text is split over several cards).</summary>
    public void AddHistory(string text) => AddCommentary("HISTORY", text);

    /// <summary>Removes the valued card for <paramref name="keyword"/>; returns false when there was none.</summary>
    public bool Remove(string keyword)
    {
        var i = Find(keyword);
        if (i < 0)
        {
            return false;
        }

        _cards.RemoveAt(i);
        return true;
    }

    /// <summary>The raw value of <paramref name="keyword"/>, or null when absent.</summary>
    public object? GetValueOrNull(string keyword)
    {
        var i = Find(keyword);
        return i < 0 ? null : _cards[i].Value;
    }

    /// <summary>A string value; throws <see cref="FitsFormatException"/> naming the file when it is missing or not a string.</summary>
    public string GetString(string keyword) =>
        GetValueOrNull(keyword) switch
        {
            string s => s,
            null => throw Missing(keyword),
            var other => throw WrongType(keyword, "a string", other),
        };

    /// <summary>A string value, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string keyword, string fallback) => Contains(keyword) ? GetString(keyword) : fallback;

    /// <summary>An integer value; throws <see cref="FitsFormatException"/> when it is missing or not an integer.</summary>
    public long GetInt64(string keyword) =>
        GetValueOrNull(keyword) switch
        {
            long l => l,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            null => throw Missing(keyword),
            var other => throw WrongType(keyword, "an integer", other),
        };

    /// <summary>A numeric value (integers are widened); throws <see cref="FitsFormatException"/> when missing or not numeric.</summary>
    public double GetDouble(string keyword) =>
        GetValueOrNull(keyword) switch
        {
            double d => d,
            long l => l,
            null => throw Missing(keyword),
            var other => throw WrongType(keyword, "a number", other),
        };

    /// <summary>A numeric value, or <paramref name="fallback"/> when absent.</summary>
    public double GetDouble(string keyword, double fallback) => Contains(keyword) ? GetDouble(keyword) : fallback;

    /// <summary>A logical value; throws <see cref="FitsFormatException"/> when missing or not logical.</summary>
    public bool GetBool(string keyword) =>
        GetValueOrNull(keyword) switch
        {
            bool b => b,
            null => throw Missing(keyword),
            var other => throw WrongType(keyword, "a logical", other),
        };

    /// <summary>Copies every card except the ones named in <paramref name="except"/> into a new header.</summary>
    public FitsHeader Clone(params string[] except)
    {
        var copy = new FitsHeader(SourcePath);
        foreach (var card in _cards)
        {
            if (card.IsCommentary || !except.Contains(card.Keyword, StringComparer.Ordinal))
            {
                copy._cards.Add(card);
            }
        }

        return copy;
    }

    /// <summary>Appends a card exactly as given (the reader uses this to keep the file's order).</summary>
    internal void Add(FitsCard card) => _cards.Add(card);

    private void SetValue(string keyword, object value, string? comment)
    {
        var key = Normalize(keyword);
        var card = new FitsCard(key, value, comment);
        if (card.Format().Length != FitsCard.Length)
        {
            throw new ArgumentException($"card for {key} does not fit in 80 characters", nameof(value));
        }

        var i = Find(key);
        if (i >= 0)
        {
            _cards[i] = comment is null ? card with { Comment = _cards[i].Comment } : card;
        }
        else
        {
            _cards.Add(card);
        }
    }

    private void AddCommentary(string keyword, string text)
    {
        // Commentary text occupies columns 9-80: 72 characters per card.
        const int width = FitsCard.Length - 8;
        if (text.Length == 0)
        {
            _cards.Add(new FitsCard(keyword, null, string.Empty));
            return;
        }

        for (var start = 0; start < text.Length; start += width)
        {
            _cards.Add(new FitsCard(keyword, null, text.Substring(start, Math.Min(width, text.Length - start))));
        }
    }

    private int Find(string keyword)
    {
        for (var i = 0; i < _cards.Count; i++)
        {
            if (!_cards[i].IsCommentary && string.Equals(_cards[i].Keyword, keyword, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Normalize(string keyword)
    {
        var key = keyword.ToUpperInvariant();
        if (key.Length is 0 or > 8 || key.Any(ch => !(char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch) || ch == '-' || ch == '_')))
        {
            throw new ArgumentException($"'{keyword}' is not a valid FITS keyword (1-8 of A-Z, 0-9, '-', '_')", nameof(keyword));
        }

        return key;
    }

    private FitsFormatException Missing(string keyword) =>
        new(SourcePath ?? "(in memory)", $"keyword {keyword} is missing");

    private FitsFormatException WrongType(string keyword, string expected, object actual) =>
        new(SourcePath ?? "(in memory)", $"keyword {keyword} should be {expected} but is {actual.GetType().Name} '{actual}'");
}
