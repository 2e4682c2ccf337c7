using Microsoft.Data.Sqlite;

namespace Nightshift.Durable.Tests.Support;

/// <summary>Plain SQL against a store file, as an operator with <c>sqlite3</c> would read it.</summary>
internal static class Sql
{
    /// <summary>The first column of the first row; SQL NULL (and no row) as null.</summary>
    public static async Task<object?> ScalarAsync(string path, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = await cmd.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    public static async Task<long> CountAsync(string path, string sql, params (string Name, object? Value)[] parameters)
        => Convert.ToInt64(await ScalarAsync(path, sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every row of a query as column name → value.</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(string path, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
