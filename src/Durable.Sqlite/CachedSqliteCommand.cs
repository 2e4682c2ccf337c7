using Microsoft.Data.Sqlite;

namespace Nightshift.Durable.Sqlite;

/// <summary>
/// A command of the write connection that keeps its prepared statement between uses: disposing it only
/// clears its parameters and hands it back, because preparing the same SQL again is a large share of the
/// cost of the small statements an episode runs.
/// </summary>
internal sealed class CachedSqliteCommand : SqliteCommand
{
    public CachedSqliteCommand(string sql, SqliteConnection connection) : base(sql, connection)
    {
    }

    public bool InUse { get; set; }

    public void Release()
    {
        Parameters.Clear();
        Transaction = null;
        InUse = false;
    }

    public void DisposeForReal() => base.Dispose(true);

    protected override void Dispose(bool disposing) => Release();
}
