using Npgsql;

namespace Nightshift.Bench;

/// <summary>
/// The database's own counters (pg_stat_database): transactions committed and rows written, so that a run can
/// be read as work per orchestration. The server publishes a backend's counts within a second or at its exit.
/// </summary>
internal sealed record PostgresBenchStats(long Commits, long Rollbacks, long Inserted, long Updated, long Deleted)
{
    public static async Task<PostgresBenchStats> ReadAsync(string pg)
    {
        await Task.Delay(1100);
        await using var connection = new NpgsqlConnection(pg);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PostgresBenchStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public static PostgresBenchStats operator -(PostgresBenchStats a, PostgresBenchStats b) =>
        new(a.Commits - b.Commits, a.Rollbacks - b.Rollbacks, a.Inserted - b.Inserted, a.Updated - b.Updated, a.Deleted - b.Deleted);

    public string PerItem(int n) =>
        $"{(double)Commits / n:F2} transactions ({(double)Rollbacks / n:F2} rolled back), rows {(double)Inserted / n:F1} inserted, {(double)Updated / n:F1} updated, {(double)Deleted / n:F1} deleted";
}
