using Nightshift.Durable;
using Microsoft.Data.Sqlite;
using Nightshift.Durable.Sqlite;

namespace Nightshift.Runtime.Tests.Support;

/// <summary>A fresh SQLite file in a temporary directory, deleted with it.</summary>
public sealed class SqliteBackend : Backend
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "nightshift-runtime-tests", Guid.NewGuid().ToString("N"));

    public SqliteBackend()
    {
        Directory.CreateDirectory(directory);
        File = Path.Combine(directory, "nightshift.db");
    }

    public string File { get; }

    public override NightshiftBuilder Use(NightshiftBuilder builder) => builder.UseSqlite(File);

    public override async Task<long> CountAsync(string sql, string? id = null)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("@id", (object?)id ?? DBNull.Value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void Dispose(bool disposing)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; the temp folder is cleaned eventually.
        }
    }
}
