using System.Collections.Concurrent;

namespace Nightshift.Runtime.Tests.Support;

/// <summary>A singleton the test activities report to: call counts per key, a switch to break a step, scope disposals.</summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private int scopesDisposed;

    /// <summary>While true, the FailWhileBroken activity fails.</summary>
    public bool Broken { get; set; }

    public int ScopesDisposed => Volatile.Read(ref scopesDisposed);

    public int Hit(string key) => calls.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Calls(string key) => calls.TryGetValue(key, out var n) ? n : 0;

    public void ScopeDisposed() => Interlocked.Increment(ref scopesDisposed);
}
