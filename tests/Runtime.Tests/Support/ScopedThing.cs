namespace Nightshift.Runtime.Tests.Support;

/// <summary>A scoped service: activities get one per run, and its disposal shows the scope ended.</summary>
public sealed class ScopedThing(Probe probe) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => probe.ScopeDisposed();
}
