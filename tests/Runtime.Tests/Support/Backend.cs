using Nightshift.Durable;
namespace Nightshift.Runtime.Tests.Support;

/// <summary>
/// One store for one test: what the scenario classes vary per backend. Every test gets a fresh one (a SQLite file
/// in a temp directory, a PostgreSQL schema), so tests neither see each other's instances nor depend on order.
/// </summary>
public abstract class Backend : IDisposable
{
    /// <summary>Checks that the store's server is there, with a message saying how to start it.</summary>
    public virtual Task CheckReachableAsync() => Task.CompletedTask;

    /// <summary>Points the builder at this store.</summary>
    public abstract NightshiftBuilder Use(NightshiftBuilder builder);

    /// <summary>A count over the store's tables in plain SQL, as an operator would run it (<c>@id</c> is bound to <paramref name="id"/>).</summary>
    public abstract Task<long> CountAsync(string sql, string? id = null);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
