using Npgsql;

namespace Nightshift.Durable.Tests.Support;

/// <summary>Plain SQL against a test schema, as an operator with <c>psql</c> would read it. Same API as Durable.Tests' Sql.</summary>
internal static class Sql
{
    public static async Task<object?> ScalarAsync(string path, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(path);
        await connection.OpenAsync();
        await using var cmd = Command(connection, sql, parameters);
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public static async Task<long> CountAsync(string path, string sql, params (string Name, object? Value)[] parameters)
        => Convert.ToInt64(await ScalarAsync(path, sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every row of a query as column name → value.</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(string path, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(path);
        await connection.OpenAsync();
        await using var cmd = Command(connection, sql, parameters);
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

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }
}
