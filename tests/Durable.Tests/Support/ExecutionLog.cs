using System.Collections.Concurrent;

namespace Nightshift.Durable.Tests.Support;

/// <summary>
/// A DI singleton that activities and orchestrations write to, so a test can count how often a piece of
/// code really ran (as opposed to what history says) and see values observed while it ran.
/// </summary>
public sealed class ExecutionLog
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, string Value)> entries = new();

    /// <summary>Counts one run of <paramref name="key"/> and returns the new count.</summary>
    public int Increment(string key) => counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>How often <paramref name="key"/> ran.</summary>
    public int Count(string key) => counts.GetValueOrDefault(key);

    /// <summary>Records a value observed under <paramref name="key"/>.</summary>
    public void Record(string key, object? value) => entries.Enqueue((key, value?.ToString() ?? "null"));

    /// <summary>The values recorded under <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<string> Values(string key) => entries.Where(e => e.Key == key).Select(e => e.Value).ToList();
}
