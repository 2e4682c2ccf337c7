using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Nightshift.Host.Tests.Support;

/// <summary>Reads the store's human-readable views with plain SQL, the way an operator would with sqlite3.</summary>
internal static class StoreViews
{
    public sealed record InstanceRow(string InstanceId, string Name, string Status, string? Input, string? Output, string? CustomStatus, string? Failure);

    public sealed record HistoryRow(string ExecutionId, long Sequence, string EventType, long? TaskId, string? Name, string? Payload, string? Failure);

    public static async Task<InstanceRow?> InstanceAsync(string path, string instanceId)
    {
        await using var connection = await OpenAsync(path).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance_id, name, status, input, output, custom_status, failure FROM v_instances WHERE instance_id = $id";
        command.Parameters.AddWithValue("$id", instanceId);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? new InstanceRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6))
            : null;
    }

    public static async Task<List<HistoryRow>> HistoryAsync(string path, string instanceId)
    {
        await using var connection = await OpenAsync(path).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // Executions in the order they started, events in sequence within each.
        command.CommandText = "SELECT execution_id, sequence, event_type, task_id, name, payload, failure FROM v_history h WHERE instance_id = $id " +
            "ORDER BY (SELECT MIN(s.timestamp) FROM v_history s WHERE s.instance_id = h.instance_id AND s.execution_id = h.execution_id), sequence";
        command.Parameters.AddWithValue("$id", instanceId);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<HistoryRow>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add(new HistoryRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), Text(reader, 4), Text(reader, 5), Text(reader, 6)));
        }

        return rows;
    }

    public static async Task<long> CountAsync(string path, string sql)
    {
        await using var connection = await OpenAsync(path).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    /// <summary>Polls the instance row until <paramref name="condition"/> holds; fails the test after the timeout.</summary>
    public static async Task<InstanceRow> WaitForAsync(string path, string instanceId, Func<InstanceRow, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        InstanceRow? row = null;
        string? error = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                row = File.Exists(path) ? await InstanceAsync(path, instanceId).ConfigureAwait(false) : null;
                if (row is not null && condition(row))
                {
                    return row;
                }
            }
            catch (SqliteException e)
            {
                // The file can exist a moment before its schema does.
                error = e.Message;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new AssertFailedException($"Timed out waiting until {what}; instance {instanceId} is {row?.Status ?? "missing"} ({row?.CustomStatus}) {error}");
    }

    public static JsonElement Json(string? text)
    {
        Assert.IsNotNull(text, "expected JSON text, got NULL");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        // Read-only and unpooled: the tests never write, and no handle outlives the query.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync().ConfigureAwait(false);
        return connection;
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
