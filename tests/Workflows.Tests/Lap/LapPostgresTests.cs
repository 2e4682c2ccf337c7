using System.Text.Json;
using Nightshift.Activities.Lap;
using Nightshift.Durable;
using Nightshift.Workflows.Lap;
using Nightshift.Workflows.Tests.Support;
using Npgsql;

namespace Nightshift.Workflows.Tests.Lap;

/// <summary>
/// LAP on a PostgreSQL store: its ledger is in the store's schema (schema version 5 through the store seam), not in a
/// SQLite file. The server is <c>NIGHTSHIFT_TEST_PG</c> or what <c>infra/postgres/start.sh</c> creates; without it the test fails.
/// </summary>
[TestClass]
public sealed class LapPostgresTests
{
    private static readonly string Server = Environment.GetEnvironmentVariable("NIGHTSHIFT_TEST_PG") is { Length: > 0 } configured
        ? configured
        : "Host=127.0.0.1;Port=5432;Username=nightshift;Password=nightshift;Database=nightshift";

    [TestMethod]
    [TestCategory("Postgres")]
    public async Task One_cell_run_keeps_its_ledger_and_views_in_the_PostgreSQL_schema()
    {
        var schema = $"lapwf_{Guid.NewGuid():N}"[..20];
        var store = new NpgsqlConnectionStringBuilder(Server) { SearchPath = schema }.ConnectionString;
        var dir = LapFixture.NewDirectory("pg");
        try
        {
            await using (var host = await TestHost.StartAsync(store, b => b.AddLap(), worker: o =>
            {
                o.OrchestrationLockTimeout = TimeSpan.FromSeconds(3);
                o.ActivityLeaseTimeout = TimeSpan.FromSeconds(3);
            }))
            {
                var config = LapFixture.OneCell(dir);
                var state = await host.RunAsync(LapPipeline.Name, config, "lap-pg", TimeSpan.FromSeconds(180));
                Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Output);
                var summary = JsonSerializer.Deserialize<LapSummary>(state.Output!, DurableJson.Options)!;
                Assert.AreEqual(1, summary.Runs.GetValueOrDefault("done"));
                Assert.IsGreaterThan(0, summary.Detections);

                // The ledger an operator reads with psql, as with sqlite3 on a SQLite store.
                Assert.AreEqual(1L, await CountAsync(store, "SELECT COUNT(*) FROM lap_runs WHERE state = 'done'"));
                Assert.AreEqual((long)summary.Detections, await CountAsync(store, "SELECT SUM(detections) FROM v_lap_runs"));
                Assert.AreEqual(1L, await CountAsync(store, "SELECT COUNT(*) FROM lap_exposures WHERE data_state = 'drop' AND note = 'junk'"));
                Assert.AreEqual(0L, await CountAsync(store, "SELECT COUNT(*) FROM v_lap_exposures WHERE chip_runs > 1 OR warp_runs > 1"), "each exposure processed once");
                Assert.AreEqual(1L, await CountAsync(store, "SELECT COUNT(*) FROM schema_version WHERE version = 5 AND description = 'lap'"));
                Assert.IsFalse(File.Exists(Path.Combine(config.OutputDirectory, "lap.db")), "no SQLite ledger on the side");
            }
        }
        finally
        {
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountAsync(string store, string sql)
    {
        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
