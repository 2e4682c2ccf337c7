namespace Nightshift.Activities.Steps;

/// <summary>Step keys are paths ('/' between levels); a selector names a key and everything below it.</summary>
public static class StepSelector
{
    /// <summary>True when <paramref name="key"/> is <paramref name="selector"/> or lies below it (<c>selector/…</c>).</summary>
    public static bool Matches(string key, string selector)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(selector);
        return key == selector || key.StartsWith(selector + "/", StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="key"/> matches any of <paramref name="selectors"/>.</summary>
    public static bool MatchesAny(string key, IEnumerable<string> selectors) => selectors.Any(s => Matches(key, s));
}
